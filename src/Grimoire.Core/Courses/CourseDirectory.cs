using Grimoire.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Grimoire.Core.Courses;

/// <summary>Reads courses. Callers check access first.</summary>
public sealed class CourseDirectory(IDbContextFactory<GrimoireDbContext> contextFactory)
{
    public async Task<Course?> FindAsync(Guid courseId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Courses.AsNoTracking().SingleOrDefaultAsync(c => c.Id == courseId, cancellationToken);
    }
}
