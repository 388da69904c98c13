using Grimoire.Core.Access;
using Grimoire.Core.Courses;
using Grimoire.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Grimoire.Core.Usage.Spend;

/// <summary>
/// A student's own view of their budget in a course (X1 student view): what they spent this period, what is left after
/// the calls running now, when it resets, and whether they are near the limit. Only for the student themself. Singleton.
/// </summary>
public sealed class StudentSpend(IDbContextFactory<GrimoireDbContext> contextFactory, CourseAccess courseAccess, SpendControl spend, TimeProvider time)
{
    /// <summary>Null when the person is not a student of the course or no budget is known for them.</summary>
    public async Task<StudentSpendView?> GetAsync(Guid userId, Guid courseId, CancellationToken cancellationToken)
    {
        if (!await courseAccess.HasRoleAsync(userId, courseId, CourseRole.Student, cancellationToken))
        {
            return null;
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var standing = await BudgetReader.ReadForStudentAsync(db, userId, courseId, time.GetUtcNow().UtcDateTime, cancellationToken);
        if (standing is null)
        {
            return null;
        }

        var share = await db.Courses.AsNoTracking().Where(c => c.Id == courseId).Select(c => c.NearLimitShare).SingleAsync(cancellationToken);
        var reserved = standing.Scope == BudgetScope.StudentKey
            ? spend.ReservedFor(BudgetScope.StudentKey, userId, courseId, Llm.ProviderKinds.OpenRouter)
            : spend.ReservedFor(BudgetScope.Student, userId, courseId, "");
        var left = standing.Remaining - reserved;
        return new StudentSpendView(standing, reserved, left, left <= 0m, standing.Limit <= 0m || standing.Limit - left >= standing.Limit * share);
    }
}

/// <summary>What the student sees: the budget, what running calls hold, what is left, and whether it is spent or near.</summary>
public sealed record StudentSpendView(BudgetStanding Standing, decimal Reserved, decimal Left, bool Spent, bool NearLimit);
