using Grimoire.Core.Keys;

namespace Grimoire.Core.Usage.Spend;

/// <summary>
/// The budget period a moment falls in, as the provider counts it (OpenRouter: midnight UTC; weeks from Monday;
/// months from the 1st). Grimoire's own budgets for operator-key providers use the same periods.
/// </summary>
public static class BudgetPeriod
{
    /// <summary>When the period containing <paramref name="nowUtc"/> began; null for <see cref="BudgetResetPeriod.Never"/>.</summary>
    public static DateTime? Start(BudgetResetPeriod reset, DateTime nowUtc)
    {
        var day = nowUtc.Date;
        return reset switch
        {
            BudgetResetPeriod.Daily => DateTime.SpecifyKind(day, DateTimeKind.Utc),
            BudgetResetPeriod.Weekly => DateTime.SpecifyKind(day.AddDays(-(((int)day.DayOfWeek + 6) % 7)), DateTimeKind.Utc),
            BudgetResetPeriod.Monthly => new DateTime(day.Year, day.Month, 1, 0, 0, 0, DateTimeKind.Utc),
            _ => null,
        };
    }

    /// <summary>When the budget next starts again; null for <see cref="BudgetResetPeriod.Never"/>.</summary>
    public static DateTime? NextReset(BudgetResetPeriod reset, DateTime nowUtc) =>
        Start(reset, nowUtc) is not { } start ? null
        : reset switch
        {
            BudgetResetPeriod.Daily => start.AddDays(1),
            BudgetResetPeriod.Weekly => start.AddDays(7),
            _ => start.AddMonths(1),
        };
}
