using Grimoire.Core.Keys;

namespace Grimoire.Core.Usage.Spend;

/// <summary>Whose budget a <see cref="BudgetStanding"/> is.</summary>
public enum BudgetScope
{
    /// <summary>The limit on the student's own provider key, enforced by the provider (OpenRouter) and checked here first.</summary>
    StudentKey,

    /// <summary>The instructor's per-student budget for providers reached with the operator's key, enforced by Grimoire.</summary>
    Student,

    /// <summary>The instructor's budget for the whole course on operator-key providers, enforced by Grimoire.</summary>
    Course,
}

/// <summary>
/// One budget as known now (X7): its limit, what is spent in the current period (settled calls; open reservations are
/// the <see cref="SpendControl"/>'s), when it resets, and since when the provider's own figure is (student keys).
/// </summary>
public sealed record BudgetStanding(
    BudgetScope Scope, decimal Limit, decimal Spent, BudgetResetPeriod Reset, DateTime? ResetsAt, DateTime? ProviderSpendAsOf)
{
    public decimal Remaining => Limit - Spent;
}
