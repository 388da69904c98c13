namespace Grimoire.OpenRouterStandIn.Keys;

/// <summary>
/// What the stand-in knows about a key it minted, as of the moment it was read: the same facts the key-management
/// API returns, plus whether it was deleted. Never the key itself (the stand-in keeps only its hash).
/// </summary>
public sealed record StandInKey(
    string Hash,
    string Name,
    string Label,
    bool Disabled,
    bool Deleted,
    decimal? Limit,
    decimal? LimitRemaining,
    string? LimitReset,
    bool IncludeByokInLimit,
    decimal Usage,
    decimal UsageDaily,
    decimal UsageWeekly,
    decimal UsageMonthly,
    DateTimeOffset CreatedAt,
    DateTimeOffset? UpdatedAt,
    DateTimeOffset? ExpiresAt)
{
    /// <summary>The period the limit counts, as OpenRouter names it in a 402 (<c>daily</c>…, or <c>total</c>).</summary>
    public string LimitPeriod => LimitReset ?? "total";
}
