using Grimoire.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Grimoire.Core.Courses.Admin;

/// <summary>
/// Decides who may administer a course, from the database (not from sign-in claims, which are fixed for a cookie's
/// life): the course's instructors and site admins manage it; tutors read it. A course that does not exist refuses
/// everyone with the same message, so ids cannot be probed.
/// </summary>
public sealed class CourseAdminAccess(IDbContextFactory<GrimoireDbContext> contextFactory)
{
    public const string NotStaffMessage = "You are not an instructor or tutor of this course.";
    public const string NotInstructorMessage = "Only the course's instructors can change this.";
    public const string NotSiteAdminMessage = "Only site admins can do this.";

    public async Task<CourseStaffRights> GetRightsAsync(Guid actorId, Guid courseId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Courses.AnyAsync(c => c.Id == courseId, cancellationToken))
        {
            return new CourseStaffRights(courseId, null, false);
        }

        var isSiteAdmin = await db.Users.Where(u => u.Id == actorId).Select(u => u.IsSiteAdmin).SingleOrDefaultAsync(cancellationToken);
        var role = await db.Enrollments
            .Where(e => e.UserId == actorId && e.CourseId == courseId)
            .Select(e => (CourseRole?)e.Role)
            .SingleOrDefaultAsync(cancellationToken);
        return new CourseStaffRights(courseId, role, isSiteAdmin);
    }

    /// <summary>Tutors, instructors and site admins; everyone else gets <see cref="CourseAccessDeniedException"/>.</summary>
    public async Task<CourseStaffRights> RequireReadAsync(Guid actorId, Guid courseId, CancellationToken cancellationToken)
    {
        var rights = await GetRightsAsync(actorId, courseId, cancellationToken);
        return rights.CanRead ? rights : throw new CourseAccessDeniedException(NotStaffMessage);
    }

    /// <summary>Instructors and site admins; tutors and everyone else get <see cref="CourseAccessDeniedException"/>.</summary>
    public async Task<CourseStaffRights> RequireManageAsync(Guid actorId, Guid courseId, CancellationToken cancellationToken)
    {
        var rights = await GetRightsAsync(actorId, courseId, cancellationToken);
        if (rights.CanManage)
        {
            return rights;
        }

        throw new CourseAccessDeniedException(rights.CanRead ? NotInstructorMessage : NotStaffMessage);
    }

    public async Task RequireSiteAdminAsync(Guid actorId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Users.AnyAsync(u => u.Id == actorId && u.IsSiteAdmin, cancellationToken))
        {
            throw new CourseAccessDeniedException(NotSiteAdminMessage);
        }
    }
}
