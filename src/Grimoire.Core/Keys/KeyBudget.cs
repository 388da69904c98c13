namespace Grimoire.Core.Keys;

/// <summary>
/// What a student key may spend (AC2.5): a limit in USD enforced by the provider's billing, when it resets, and when
/// the key expires (UTC; null for never).
/// </summary>
public sealed record KeyBudget(decimal Limit, BudgetResetPeriod Reset, DateTime? ExpiresAt);
