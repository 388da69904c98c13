using System.Net;
using System.Security.Claims;
using Grimoire.Core.Accounts;
using Grimoire.Core.Data;
using Grimoire.Core.Workspaces;
using Grimoire.Web.Security;
using Grimoire.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Grimoire.Web.Tests.Security;

/// <summary>The policies, resolved from the seeded demo course's real enrollments.</summary>
public sealed class AuthorizationTests : IDisposable
{
    private readonly GrimoireAppFactory factory = new();

    [Fact]
    public async Task Students_get_a_403_page_for_the_admin_area_never_a_stack_trace()
    {
        using var client = await SignedInClient.SignInAsync(factory, "alex@demo.grimoire.test");
        using var admin = await client.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, admin.StatusCode);
        Assert.Equal("/account/access-denied", admin.Headers.Location!.AbsolutePath);

        using var denied = await client.GetAsync(admin.Headers.Location);
        var body = await denied.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Contains("have access to this page", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Site_admins_see_the_admin_area_and_its_link()
    {
        using var client = await SignedInClient.SignInAsync(factory, "admin@demo.grimoire.test");
        var page = await client.GetStringAsync("/admin");

        Assert.Contains("DEMO-101", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/admin\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Course_policies_follow_enrollment_roles()
    {
        var (courseId, _) = await DemoIdsAsync();

        Assert.True(await AllowedAsync("instructor@", Policies.CourseInstructor, new CourseResource(courseId)));
        Assert.True(await AllowedAsync("instructor@", Policies.CourseStudent, new CourseResource(courseId)));
        Assert.True(await AllowedAsync("alex@", Policies.CourseStudent, new CourseResource(courseId)));
        Assert.False(await AllowedAsync("alex@", Policies.CourseTutor, new CourseResource(courseId)));
        Assert.False(await AllowedAsync("alex@", Policies.CourseStudent, new CourseResource(Guid.NewGuid())));
        Assert.True(await AllowedAsync("admin@", Policies.CourseInstructor, new CourseResource(courseId)));
    }

    [Fact]
    public async Task Workspace_policies_follow_membership_and_course_staff_read_access()
    {
        var (courseId, alexId) = await DemoIdsAsync();
        var workspace = new Workspace { Title = "Alex's", CourseId = courseId };
        workspace.Members.Add(new WorkspaceMember { UserId = alexId, Permission = WorkspacePermission.Owner });
        await using (var scope = factory.Services.CreateAsyncScope())
        await using (var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<GrimoireDbContext>>().CreateDbContextAsync())
        {
            db.Workspaces.Add(workspace);
            await db.SaveChangesAsync();
        }

        var resource = new WorkspaceResource(workspace.Id);
        Assert.True(await AllowedAsync("alex@", Policies.WorkspaceOwner, resource));
        Assert.True(await AllowedAsync("instructor@", Policies.WorkspaceViewer, resource));
        Assert.False(await AllowedAsync("instructor@", Policies.WorkspaceEditor, resource));
        Assert.False(await AllowedAsync("priya@", Policies.WorkspaceViewer, resource));
    }

    private async Task<(Guid CourseId, Guid AlexId)> DemoIdsAsync()
    {
        using var client = SignedInClient.Anonymous(factory); // starts the host, which seeds the demo
        (await client.GetAsync("/healthz")).Dispose();
        await using var scope = factory.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<GrimoireDbContext>>().CreateDbContextAsync();
        return (await db.Courses.Select(c => c.Id).SingleAsync(), await db.Users.Where(u => u.Email.StartsWith("alex@")).Select(u => u.Id).SingleAsync());
    }

    private async Task<bool> AllowedAsync(string emailPrefix, string policy, object resource)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserDirectory>().FindByEmailAsync(emailPrefix + "demo.grimoire.test", CancellationToken.None);
        var principal = GrimoireClaims.CreatePrincipal(user!, "test");
        var result = await scope.ServiceProvider.GetRequiredService<IAuthorizationService>().AuthorizeAsync(principal, resource, policy);
        return result.Succeeded;
    }

    public void Dispose() => factory.Dispose();
}
