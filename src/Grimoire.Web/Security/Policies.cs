using Grimoire.Core.Courses;
using Grimoire.Core.Workspaces;
using Microsoft.AspNetCore.Authorization;

namespace Grimoire.Web.Security;

/// <summary>
/// Named authorization policies. Course and workspace policies are resource-based: authorize against a
/// <see cref="CourseResource"/> or <see cref="WorkspaceResource"/> with <c>IAuthorizationService</c>.
/// </summary>
public static class Policies
{
    public const string SiteAdmin = nameof(SiteAdmin);
    public const string CourseStudent = nameof(CourseStudent);
    public const string CourseTutor = nameof(CourseTutor);
    public const string CourseInstructor = nameof(CourseInstructor);
    public const string WorkspaceViewer = nameof(WorkspaceViewer);
    public const string WorkspaceEditor = nameof(WorkspaceEditor);
    public const string WorkspaceOwner = nameof(WorkspaceOwner);

    internal static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(SiteAdmin, p => p.RequireAuthenticatedUser().RequireClaim(GrimoireClaims.SiteAdmin, "true"));
        options.AddPolicy(CourseStudent, p => p.RequireAuthenticatedUser().AddRequirements(new CourseRoleRequirement(CourseRole.Student)));
        options.AddPolicy(CourseTutor, p => p.RequireAuthenticatedUser().AddRequirements(new CourseRoleRequirement(CourseRole.Tutor)));
        options.AddPolicy(CourseInstructor, p => p.RequireAuthenticatedUser().AddRequirements(new CourseRoleRequirement(CourseRole.Instructor)));
        options.AddPolicy(WorkspaceViewer, p => p.RequireAuthenticatedUser().AddRequirements(new WorkspacePermissionRequirement(WorkspacePermission.Viewer)));
        options.AddPolicy(WorkspaceEditor, p => p.RequireAuthenticatedUser().AddRequirements(new WorkspacePermissionRequirement(WorkspacePermission.Editor)));
        options.AddPolicy(WorkspaceOwner, p => p.RequireAuthenticatedUser().AddRequirements(new WorkspacePermissionRequirement(WorkspacePermission.Owner)));
    }
}
