using Grimoire.Core.Access;
using Grimoire.Core.Courses;
using Grimoire.Core.Data;
using Grimoire.Core.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace Grimoire.Core.Annotation;

/// <summary>What one person may do in one workspace's documents, decided through <see cref="WorkspaceAccess"/> (AC8.6).</summary>
/// <param name="CanRead">Any member, and the course's tutors and instructors.</param>
/// <param name="CanAnnotate">Owner and editors: highlight, tag, comment.</param>
/// <param name="CanComment">Those who annotate, and the course's staff (who read every workspace of their course).</param>
public sealed record AnnotationRights(bool CanRead, bool CanAnnotate, bool CanComment, bool IsOwner)
{
    public static readonly AnnotationRights None = new(false, false, false, false);
}

public sealed class AnnotationAccess(WorkspaceAccess workspaceAccess, IDbContextFactory<GrimoireDbContext> contextFactory)
{
    public async Task<AnnotationRights> RightsAsync(Guid userId, Guid workspaceId, CancellationToken cancellationToken)
    {
        var permission = await workspaceAccess.GetPermissionAsync(userId, workspaceId, cancellationToken);
        if (permission is null)
        {
            return AnnotationRights.None;
        }

        var annotate = permission >= WorkspacePermission.Editor;
        var comment = annotate || await IsCourseStaffAsync(userId, workspaceId, cancellationToken);
        return new AnnotationRights(true, annotate, comment, permission == WorkspacePermission.Owner);
    }

    /// <summary>The rights, or <see cref="AnnotationRefusedException.Gone"/> for someone who may not even read.</summary>
    public async Task<AnnotationRights> RequireReadAsync(Guid userId, Guid workspaceId, CancellationToken cancellationToken)
    {
        var rights = await RightsAsync(userId, workspaceId, cancellationToken);
        return rights.CanRead ? rights : throw AnnotationRefusedException.Gone();
    }

    private async Task<bool> IsCourseStaffAsync(Guid userId, Guid workspaceId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Workspaces.Where(w => w.Id == workspaceId)
            .AnyAsync(w => db.Enrollments.Any(e => e.CourseId == w.CourseId && e.UserId == userId
                && (e.Role == CourseRole.Tutor || e.Role == CourseRole.Instructor)), cancellationToken);
    }
}
