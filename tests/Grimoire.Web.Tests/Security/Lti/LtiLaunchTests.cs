using System.Net;
using System.Text.Json;
using Grimoire.Core.Courses;
using Grimoire.Core.Data;
using Grimoire.Core.Lti;
using Grimoire.LtiFakePlatform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Grimoire.Web.Tests.Security.Lti;

/// <summary>
/// LTI 1.3 launches from <see cref="FakePlatform"/> through the real endpoints (issue 15, X9): who is signed in, into
/// which course, as what, and where they land.
/// </summary>
public sealed class LtiLaunchTests(LtiHost host) : IClassFixture<LtiHost>
{
    private const string InstructorSub = "fake-instructor-1";
    private const string LearnerSub = "fake-learner-1";

    [Fact]
    public async Task X9_an_instructors_first_launch_creates_the_course_and_a_learner_then_lands_on_the_playground_enrolled_as_student()
    {
        using var instructor = host.CreateClient();
        using var staffLaunch = await host.LaunchAsync(instructor, InstructorSub);
        Assert.Equal(HttpStatusCode.SeeOther, staffLaunch.StatusCode);
        var course = await CourseAsync();
        Assert.Equal($"/courses/{course.Id}", staffLaunch.Headers.Location!.OriginalString);
        Assert.Equal("LTI-101", course.Code);
        Assert.Equal("Language Models 101", course.Name);
        using (var page = await instructor.GetAsync($"/courses/{course.Id}"))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }

        using var learner = host.CreateClient();
        using var launch = await host.LaunchAsync(learner, LearnerSub);
        Assert.Equal(HttpStatusCode.SeeOther, launch.StatusCode);
        Assert.Equal("/playground", launch.Headers.Location!.OriginalString);
        using (var playground = await learner.GetAsync("/playground"))
        {
            Assert.Equal(HttpStatusCode.OK, playground.StatusCode);
        }

        Assert.Equal(CourseRole.Instructor, await RoleAsync(course.Id, "ada.instructor@uni.test"));
        Assert.Equal(CourseRole.Student, await RoleAsync(course.Id, "ben.learner@uni.test"));
    }

    [Fact]
    public async Task X9_a_teaching_assistant_is_a_tutor_and_lands_on_the_course_page()
    {
        await EnsureCourseAsync();
        using var client = host.CreateClient();
        using var launch = await host.LaunchAsync(client, "fake-ta-1");

        var course = await CourseAsync();
        Assert.Equal($"/courses/{course.Id}", launch.Headers.Location!.OriginalString);
        Assert.Equal(CourseRole.Tutor, await RoleAsync(course.Id, "cy.ta@uni.test"));
    }

    [Fact]
    public async Task X9_a_changed_email_at_the_platform_signs_in_the_same_account_bound_to_issuer_and_subject()
    {
        await EnsureCourseAsync();
        using (var first = host.CreateClient())
        {
            using var launch = await host.LaunchAsync(first, "fake-learner-2");
            Assert.Equal(HttpStatusCode.SeeOther, launch.StatusCode);
        }

        using var second = host.CreateClient();
        using var again = await host.LaunchAsync(second, "fake-learner-2", Tweak("email", "dee.renamed@uni.test"));
        Assert.Equal(HttpStatusCode.SeeOther, again.StatusCode);

        await using var db = await DbAsync();
        var logins = await db.ExternalLogins.Where(l => l.Issuer == host.Platform.Issuer && l.Subject == "fake-learner-2").ToListAsync();
        Assert.Single(logins);
        Assert.False(await db.Users.AnyAsync(u => u.Email == "dee.renamed@uni.test"));
    }

    [Fact]
    public async Task X9_a_learner_launching_from_a_course_no_instructor_has_opened_is_refused_with_a_page()
    {
        using var client = host.CreateClient();
        using var launch = await host.LaunchAsync(client, LearnerSub, Tweak(LtiClaims.Context, new Dictionary<string, object> { ["id"] = "never-opened", ["title"] = "Other" }));

        await AssertRefusedAsync(launch, LtiRefusal.CourseNotSetUp, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task X9_an_lms_administrator_is_not_a_site_admin_nor_enrolled()
    {
        await EnsureCourseAsync();
        using var client = host.CreateClient();
        using var launch = await host.LaunchAsync(client, LearnerSub, Tweak(LtiClaims.Roles, new[] { LtiClaims.RoleSystemAdministrator, LtiClaims.RoleInstitutionAdministrator }));

        await AssertRefusedAsync(launch, LtiRefusal.NoCourseRole, HttpStatusCode.Forbidden);
        await using var db = await DbAsync();
        Assert.False(await db.Users.AnyAsync(u => u.Email == "ben.learner@uni.test" && u.IsSiteAdmin));
    }

    [Fact]
    public async Task X9_a_platform_key_rotation_is_followed_by_refetching_its_key_set_on_the_unknown_kid()
    {
        await EnsureCourseAsync();
        using (var before = host.CreateClient())
        {
            using var launch = await host.LaunchAsync(before, LearnerSub);
            Assert.Equal(HttpStatusCode.SeeOther, launch.StatusCode);
        }

        host.Platform.RotateKey();
        using var after = host.CreateClient();
        using var relaunch = await host.LaunchAsync(after, LearnerSub);
        Assert.Equal(HttpStatusCode.SeeOther, relaunch.StatusCode);
    }

    [Fact]
    public async Task X9_the_tool_publishes_its_rsa_key_set_and_keeps_a_rotated_key_published()
    {
        using var client = host.CreateClient();
        var before = await KeyIdsAsync(client);
        Assert.NotEmpty(before);
        var rotated = await host.Factory.Services.GetRequiredService<LtiToolKeys>().RotateAsync(CancellationToken.None);

        var after = await KeyIdsAsync(client);
        Assert.Contains(rotated, after);
        Assert.Superset(before.ToHashSet(), after.ToHashSet());
    }

    private static async Task<List<string>> KeyIdsAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/lti/jwks");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var keys = json.RootElement.GetProperty("keys").EnumerateArray().ToList();
        Assert.All(keys, k =>
        {
            Assert.Equal("RSA", k.GetProperty("kty").GetString());
            Assert.False(k.TryGetProperty("d", out _)); // never the private part
        });
        return [.. keys.Select(k => k.GetProperty("kid").GetString()!)];
    }

    internal static FakeLaunchTweaks Tweak(string claim, object? value) => new() { Claims = new Dictionary<string, object?> { [claim] = value } };

    internal static async Task AssertRefusedAsync(HttpResponseMessage response, LtiRefusal refusal, HttpStatusCode status = HttpStatusCode.BadRequest)
    {
        Assert.Equal(status, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains($"data-refusal=\"{refusal}\"", html, StringComparison.Ordinal);
        Assert.Contains("Grimoire could not open", html, StringComparison.Ordinal);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("grimoire.auth=", StringComparison.Ordinal) && !c.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase)));
    }

    private async Task EnsureCourseAsync()
    {
        using var instructor = host.CreateClient();
        using var launch = await host.LaunchAsync(instructor, InstructorSub);
        Assert.Equal(HttpStatusCode.SeeOther, launch.StatusCode);
    }

    private async Task<GrimoireDbContext> DbAsync() =>
        await host.Factory.Services.GetRequiredService<IDbContextFactory<GrimoireDbContext>>().CreateDbContextAsync();

    private async Task<Course> CourseAsync()
    {
        await using var db = await DbAsync();
        var link = await db.LtiContextLinks.SingleAsync(l => l.PlatformId == host.PlatformId && l.ContextId == "fake-course-101");
        return await db.Courses.SingleAsync(c => c.Id == link.CourseId);
    }

    private async Task<CourseRole?> RoleAsync(Guid courseId, string email)
    {
        await using var db = await DbAsync();
        return await db.Enrollments.Where(e => e.CourseId == courseId && e.User!.Email == email).Select(e => (CourseRole?)e.Role).SingleOrDefaultAsync();
    }
}
