using Grimoire.Core.Courses;
using Grimoire.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Grimoire.Core.Access;

/// <summary>A person's role in a course, resolved from <see cref="Enrollment"/> rows only.</summary>
public sealed class CourseAccess(IDbContextFactory<GrimoireDbContext> contextFactory)
{
    public async Task<CourseRole?> GetRoleAsync(Guid userId, Guid courseId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Enrollments
            .Where(e => e.UserId == userId && e.CourseId == courseId)
            .Select(e => (CourseRole?)e.Role)
            .SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>True when the person holds at least <paramref name="minimum"/> in the course.</summary>
    public async Task<bool> HasRoleAsync(Guid userId, Guid courseId, CourseRole minimum, CancellationToken cancellationToken) =>
        await GetRoleAsync(userId, courseId, cancellationToken) is { } role && role >= minimum;

    /// <summary>The courses a person is enrolled in, with their role, active courses first.</summary>
    public async Task<IReadOnlyList<CourseMembership>> ListMembershipsAsync(Guid userId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Enrollments
            .Where(e => e.UserId == userId)
            .OrderBy(e => e.Course!.IsArchived).ThenBy(e => e.Course!.Code)
            .Select(e => new CourseMembership(e.CourseId, e.Course!.Code, e.Course.Name, e.Course.Term, e.Course.IsArchived, e.Role))
            .ToListAsync(cancellationToken);
    }
}
