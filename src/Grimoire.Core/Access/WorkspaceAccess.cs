using Grimoire.Core.Courses;
using Grimoire.Core.Data;
using Grimoire.Core.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace Grimoire.Core.Access;

/// <summary>
/// The one place that decides who may see or change a workspace (AC8.6): an explicit
/// <see cref="WorkspaceMember"/> row of someone still enrolled in the workspace's course, or read-only access for the
/// tutors and instructors of its course (AC2.6). A member who was unenrolled keeps the row (re-enrolling restores
/// it) but loses every right with the enrollment.
/// </summary>
public sealed class WorkspaceAccess(IDbContextFactory<GrimoireDbContext> contextFactory)
{
    public async Task<WorkspacePermission?> GetPermissionAsync(Guid userId, Guid workspaceId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var found = await db.Workspaces.AsNoTracking()
            .Where(w => w.Id == workspaceId)
            .Select(w => new
            {
                Role = db.Enrollments.Where(e => e.CourseId == w.CourseId && e.UserId == userId).Select(e => (CourseRole?)e.Role).FirstOrDefault(),
                Member = w.Members.Where(m => m.UserId == userId).Select(m => (WorkspacePermission?)m.Permission).FirstOrDefault(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (found?.Role is not { } role)
        {
            return null; // no such workspace, or not (or no longer) enrolled in its course
        }

        if (found.Member is { } member)
        {
            return member;
        }

        // Roles are compared by equality: they are stored as strings.
        return role is CourseRole.Tutor or CourseRole.Instructor ? WorkspacePermission.Viewer : null;
    }

    public async Task<bool> HasPermissionAsync(Guid userId, Guid workspaceId, WorkspacePermission minimum, CancellationToken cancellationToken) =>
        await GetPermissionAsync(userId, workspaceId, cancellationToken) is { } permission && permission >= minimum;

    /// <summary>
    /// The workspaces of <paramref name="courseId"/> where <paramref name="userId"/> holds a member row and is enrolled:
    /// what their conversation list shows (AC8.1), as a query to compose with, under the same rule as
    /// <see cref="GetPermissionAsync"/>.
    /// </summary>
    public static IQueryable<Guid> MemberWorkspaceIds(GrimoireDbContext db, Guid userId, Guid courseId)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.WorkspaceMembers
            .Where(m => m.UserId == userId && m.Workspace!.CourseId == courseId
                && db.Enrollments.Any(e => e.CourseId == courseId && e.UserId == userId))
            .Select(m => m.WorkspaceId);
    }
}
