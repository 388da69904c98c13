namespace Grimoire.OpenRouterStandIn.Keys;

/// <summary>
/// A key an earlier run of the stand-in minted, as its user remembers it (by hash: the stand-in never kept the key),
/// to be accepted again by <see cref="OpenRouterStandIn.Adopt"/>.
/// </summary>
public sealed record StandInKeyAdoption(string Hash, string Name, decimal? Limit, string? LimitReset, DateTimeOffset? ExpiresAt, bool Disabled);
