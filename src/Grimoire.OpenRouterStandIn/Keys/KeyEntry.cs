namespace Grimoire.OpenRouterStandIn.Keys;

/// <summary>A minted key's mutable record inside the stand-in; read and changed only under the state's lock.</summary>
internal sealed class KeyEntry(string hash, string label, DateTimeOffset createdAt)
{
    private readonly List<(DateTimeOffset At, decimal Cost)> _spend = [];

    public string Hash { get; } = hash;

    public string Label { get; } = label;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public required string Name { get; set; }

    public decimal? Limit { get; set; }

    public string? LimitReset { get; set; }

    public bool IncludeByokInLimit { get; set; }

    public DateTimeOffset? ExpiresAt { get; init; }

    public DateTimeOffset? UpdatedAt { get; set; }

    public bool Disabled { get; set; }

    public bool Deleted { get; set; }

    public void Charge(DateTimeOffset at, decimal cost) => _spend.Add((at, cost));

    public bool IsExpired(DateTimeOffset now) => ExpiresAt is { } expires && expires <= now;

    public StandInKey Snapshot(DateTimeOffset now)
    {
        var total = _spend.Sum(s => s.Cost);
        var daily = Since(UsagePeriods.Start("daily", now));
        var weekly = Since(UsagePeriods.Start("weekly", now));
        var monthly = Since(UsagePeriods.Start("monthly", now));
        var counted = LimitReset switch
        {
            "daily" => daily,
            "weekly" => weekly,
            "monthly" => monthly,
            _ => total,
        };
        var remaining = Limit is { } limit ? Math.Max(0m, limit - counted) : (decimal?)null;
        return new StandInKey(
            Hash, Name, Label, Disabled, Deleted, Limit, remaining, LimitReset, IncludeByokInLimit,
            total, daily, weekly, monthly, CreatedAt, UpdatedAt, ExpiresAt);
    }

    private decimal Since(DateTimeOffset start) => _spend.Where(s => s.At >= start).Sum(s => s.Cost);
}
