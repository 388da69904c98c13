using Grimoire.Core.Data;
using Grimoire.Core.Keys;
using Grimoire.Llm;
using Microsoft.EntityFrameworkCore;

namespace Grimoire.Core.Usage.Spend;

/// <summary>
/// What a student may still spend on a provider in a course (X7), from what the database knows:
/// for a provider reached with the student's own key (OpenRouter) the key's limit minus its spend as the provider last
/// reported it (the key listing read by <see cref="StudentKeyProvisioner"/>) plus the calls settled since that read
/// (or since the period began, when the read is from an earlier period); for providers reached with the operator's key,
/// the course's per-student and per-course budgets minus the calls settled this period.
/// Open reservations are not included: <see cref="SpendControl"/> adds them.
/// </summary>
public static class BudgetReader
{
    /// <summary>Whether calls to <paramref name="provider"/> go out on a key of the student's own (else on the operator's).</summary>
    public static bool UsesStudentKey(string provider) => provider == ProviderKinds.OpenRouter;

    /// <summary>
    /// The one budget shown for a student (dashboard, the student's own view): their own key's limit when they have a
    /// key with one, else the course's per-student budget for operator-key providers, else null (no limit known).
    /// </summary>
    public static async Task<BudgetStanding?> ReadForStudentAsync(GrimoireDbContext db, Guid userId, Guid courseId, DateTime nowUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await StudentKeyAsync(db, userId, courseId, ProviderKinds.OpenRouter, nowUtc, cancellationToken)
            ?? (await OperatorAsync(db, userId, courseId, nowUtc, cancellationToken)).FirstOrDefault(s => s.Scope == BudgetScope.Student);
    }

    /// <summary>The budgets that apply to one call: none, the student key's, or the course's per-student and per-course ones.</summary>
    public static async Task<IReadOnlyList<BudgetStanding>> ReadAsync(
        GrimoireDbContext db, Guid userId, Guid courseId, string provider, DateTime nowUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (UsesStudentKey(provider))
        {
            return await StudentKeyAsync(db, userId, courseId, provider, nowUtc, cancellationToken) is { } key ? [key] : [];
        }

        return await OperatorAsync(db, userId, courseId, nowUtc, cancellationToken);
    }

    private static async Task<IReadOnlyList<BudgetStanding>> OperatorAsync(
        GrimoireDbContext db, Guid userId, Guid courseId, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var course = await db.Courses.AsNoTracking().Where(c => c.Id == courseId)
            .Select(c => new { c.StudentBudget, c.CourseBudget, c.UsageBudgetReset })
            .SingleOrDefaultAsync(cancellationToken);
        if (course is null || (course.StudentBudget is null && course.CourseBudget is null))
        {
            return [];
        }

        var start = BudgetPeriod.Start(course.UsageBudgetReset, nowUtc) ?? DateTime.MinValue;
        var resets = BudgetPeriod.NextReset(course.UsageBudgetReset, nowUtc);
        var operatorCalls = db.UsageRecords.Where(u => u.CourseId == courseId && u.Provider != ProviderKinds.OpenRouter && u.FinishedAt >= start);
        var standings = new List<BudgetStanding>(2);
        if (course.StudentBudget is { } perStudent)
        {
            var spent = await operatorCalls.Where(u => u.UserId == userId).SumAsync(u => u.Cost ?? 0m, cancellationToken);
            standings.Add(new BudgetStanding(BudgetScope.Student, perStudent, spent, course.UsageBudgetReset, resets, null));
        }

        if (course.CourseBudget is { } whole)
        {
            var spent = await operatorCalls.SumAsync(u => u.Cost ?? 0m, cancellationToken);
            standings.Add(new BudgetStanding(BudgetScope.Course, whole, spent, course.UsageBudgetReset, resets, null));
        }

        return standings;
    }

    private static async Task<BudgetStanding?> StudentKeyAsync(
        GrimoireDbContext db, Guid userId, Guid courseId, string provider, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var key = await db.StudentApiKeys.AsNoTracking()
            .Where(k => k.CourseId == courseId && k.UserId == userId && k.Provider == provider && k.RevokedAt == null && k.BudgetLimit != null)
            .OrderByDescending(k => k.CreatedAt)
            .Select(k => new { k.BudgetLimit, k.BudgetResetPeriod, k.CreatedAt, k.SpendUsd, k.SpendThisPeriodUsd, k.SpendReadAt })
            .FirstOrDefaultAsync(cancellationToken);
        if (key is null)
        {
            return null;
        }

        var periodStart = BudgetPeriod.Start(key.BudgetResetPeriod, nowUtc) ?? key.CreatedAt;
        var providerSpend = key.BudgetResetPeriod == BudgetResetPeriod.Never ? key.SpendUsd : key.SpendThisPeriodUsd;
        var (since, known) = key.SpendReadAt is { } read && read >= periodStart && providerSpend is { } reported
            ? (read, reported)
            : (periodStart, 0m);
        var settled = await db.UsageRecords
            .Where(u => u.UserId == userId && u.CourseId == courseId && u.Provider == provider && u.FinishedAt >= since)
            .SumAsync(u => u.Cost ?? 0m, cancellationToken);
        return new BudgetStanding(
            BudgetScope.StudentKey, key.BudgetLimit!.Value, known + settled, key.BudgetResetPeriod,
            BudgetPeriod.NextReset(key.BudgetResetPeriod, nowUtc), since == periodStart ? null : since);
    }
}
