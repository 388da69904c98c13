using Grimoire.Core.Keys;
using Grimoire.Core.Usage.Spend;

namespace Grimoire.Core.Usage.Dashboard;

/// <summary>Days in the course's time zone, both inclusive.</summary>
public sealed record UsagePeriod(DateOnly From, DateOnly To)
{
    public const int MaxDays = 400;

    public int Days => To.DayNumber - From.DayNumber + 1;
}

/// <summary>
/// A course's usage over a period (X1), every figure summed from <see cref="UsageRecord"/>s whose start falls in the
/// period's days in <see cref="TimeZoneId"/>. Tokens are input plus output (thinking is billed as output).
/// </summary>
public sealed record CourseUsageReport(
    Guid CourseId,
    string CourseCode,
    string TimeZoneId,
    UsagePeriod Period,
    decimal NearLimitShare,
    UsageTotals Totals,
    IReadOnlyList<UsageDay> Days,
    IReadOnlyList<StudentUsage> Students,
    IReadOnlyList<ModelUsage> Models);

public sealed record UsageTotals(long Turns, long InputTokens, long OutputTokens, long ThinkingTokens, decimal Cost, long Failures)
{
    public long Tokens => InputTokens + OutputTokens;
}

/// <summary>One model's calls on one day (course time zone).</summary>
public sealed record UsageDay(DateOnly Day, string Model, long Turns, long Tokens, decimal Cost);

/// <summary>
/// One student's calls in the period, and their budget as known now (<see cref="BudgetReader.ReadForStudentAsync"/>):
/// <see cref="Budget"/> is null when no limit is known.
/// </summary>
public sealed record StudentUsage(
    Guid UserId,
    string Name,
    string Email,
    long Turns,
    long Tokens,
    decimal Cost,
    DateTime? LastActiveAt,
    BudgetStanding? Budget,
    bool NearLimit)
{
    public decimal? BudgetLimit => Budget?.Limit;

    public decimal? SpentThisPeriod => Budget?.Spent;

    public decimal? Remaining => Budget?.Remaining;

    public BudgetResetPeriod? Reset => Budget?.Reset;

    /// <summary>Spent this period as a share of the budget (0–1 and beyond), or null without a budget.</summary>
    public decimal? Share => Budget is { Limit: > 0m } b ? b.Spent / b.Limit : Budget is not null ? 1m : null;
}

/// <summary>One model's calls in the period; failures are calls that ended failed or interrupted.</summary>
public sealed record ModelUsage(string Provider, string Model, long Turns, long Tokens, decimal Cost, double? AverageTimeToFirstTokenMs, long Failures)
{
    public double FailureRate => Turns == 0 ? 0 : (double)Failures / Turns;
}
