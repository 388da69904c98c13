namespace Grimoire.Llm.Catalogue;

/// <summary>USD per million tokens. Cached input is billed at <see cref="CacheReadPerMillion"/> when known.</summary>
public sealed record ModelPricing(decimal InputPerMillion, decimal OutputPerMillion, decimal? CacheReadPerMillion = null)
{
    public static ModelPricing Free { get; } = new(0m, 0m);

    public decimal CostOf(long inputTokens, long outputTokens, long? cachedInputTokens = null)
    {
        var cached = Math.Clamp(cachedInputTokens ?? 0, 0, inputTokens);
        var cacheRate = CacheReadPerMillion ?? InputPerMillion;
        return ((inputTokens - cached) * InputPerMillion + cached * cacheRate + outputTokens * OutputPerMillion) / 1_000_000m;
    }
}
