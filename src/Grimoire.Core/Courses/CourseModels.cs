using Grimoire.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Grimoire.Core.Courses;

/// <summary>Reads a course's model allowlist.</summary>
public sealed class CourseModels(IDbContextFactory<GrimoireDbContext> contextFactory)
{
    /// <summary>The models a student may pick: enabled only, in the instructor's order (AC3.6).</summary>
    public async Task<IReadOnlyList<CourseModelConfig>> ListEnabledAsync(Guid courseId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.CourseModelConfigs.AsNoTracking()
            .Where(m => m.CourseId == courseId && m.IsEnabled)
            .OrderBy(m => m.SortOrder).ThenBy(m => m.DisplayName)
            .ToListAsync(cancellationToken);
    }
}
