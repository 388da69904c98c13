namespace Grimoire.Llm.Streaming;

/// <summary>
/// Tokens and cost of one call. Output includes thinking where the provider bills it so.
/// <see cref="CostUsd"/> is null when nothing is known; <see cref="CostSource"/> says where it came from.
/// </summary>
public sealed record TokenUsage(
    long InputTokens,
    long OutputTokens,
    long? ThinkingTokens = null,
    long? CachedInputTokens = null,
    decimal? CostUsd = null,
    CostSource CostSource = CostSource.None)
{
    public long TotalTokens => InputTokens + OutputTokens;
}
