using Grimoire.Core.Courses;
using Grimoire.Core.Data;
using Grimoire.Core.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace Grimoire.Core.Access;

/// <summary>
/// The one place that decides who may see or change a workspace (AC8.6): an explicit
/// <see cref="WorkspaceMember"/> row, or read-only access for the tutors and instructors of its course (AC2.6).
/// </summary>
public sealed class WorkspaceAccess(IDbContextFactory<GrimoireDbContext> contextFactory)
{
    public async Task<WorkspacePermission?> GetPermissionAsync(Guid userId, Guid workspaceId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var member = await db.WorkspaceMembers
            .Where(m => m.WorkspaceId == workspaceId && m.UserId == userId)
            .Select(m => (WorkspacePermission?)m.Permission)
            .SingleOrDefaultAsync(cancellationToken);
        if (member is not null)
        {
            return member;
        }

        // Roles are stored as strings: compare by equality in SQL, never by order.
        var isCourseStaff = await db.Workspaces
            .Where(w => w.Id == workspaceId)
            .AnyAsync(w => db.Enrollments.Any(e => e.CourseId == w.CourseId && e.UserId == userId
                && (e.Role == CourseRole.Tutor || e.Role == CourseRole.Instructor)), cancellationToken);
        return isCourseStaff ? WorkspacePermission.Viewer : null;
    }

    public async Task<bool> HasPermissionAsync(Guid userId, Guid workspaceId, WorkspacePermission minimum, CancellationToken cancellationToken) =>
        await GetPermissionAsync(userId, workspaceId, cancellationToken) is { } permission && permission >= minimum;
}
