using Grimoire.Core.Courses;
using Grimoire.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Grimoire.Core.Admin;

/// <summary>What a site admin sees first: every course with its head-counts.</summary>
public sealed class SiteOverview(IDbContextFactory<GrimoireDbContext> contextFactory)
{
    public async Task<IReadOnlyList<CourseOverview>> ListCoursesAsync(CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Courses.AsNoTracking()
            .OrderBy(c => c.IsArchived).ThenBy(c => c.Code)
            .Select(c => new CourseOverview(
                c.Id, c.Code, c.Name, c.Term, c.IsArchived,
                c.Enrollments.Count(e => e.Role == CourseRole.Student),
                c.Enrollments.Count(e => e.Role != CourseRole.Student),
                c.Models.Count(m => m.IsEnabled)))
            .ToListAsync(cancellationToken);
    }

    public async Task<int> CountUsersAsync(CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Users.CountAsync(cancellationToken);
    }
}
