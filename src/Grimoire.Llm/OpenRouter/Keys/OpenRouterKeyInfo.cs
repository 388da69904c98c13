namespace Grimoire.Llm.OpenRouter.Keys;

/// <summary>
/// One key as OpenRouter's key-management API describes it: its hash (what it is managed by, not a secret), name,
/// state, budget and spend in USD. Never the key itself; OpenRouter's <c>label</c> (a shortened form of the key) is
/// deliberately not carried.
/// </summary>
public sealed record OpenRouterKeyInfo(
    string Hash,
    string Name,
    bool Disabled,
    decimal? Limit,
    decimal? LimitRemaining,
    OpenRouterLimitReset LimitReset,
    decimal Usage,
    decimal? UsageDaily,
    decimal? UsageWeekly,
    decimal? UsageMonthly,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? ExpiresAt);
