namespace Grimoire.Web.Features.Playground.Messages;

/// <summary>The metadata line under an assistant message (AC1.2).</summary>
public sealed record MessageByline
{
    public required string ModelDisplayName { get; init; }

    public required string ModelId { get; init; }

    public int? InputTokens { get; init; }

    public int? OutputTokens { get; init; }

    public int? ThinkingTokens { get; init; }

    /// <summary>USD; null when unknown.</summary>
    public decimal? CostUsd { get; init; }

    /// <summary>Null when the temperature was not sent (provider default, or not allowed with thinking).</summary>
    public double? Temperature { get; init; }

    public int? MaxTokens { get; init; }

    /// <summary>Human text for the thinking setting, e.g. "off", "budget 2,048 tokens", "effort high".</summary>
    public required string Thinking { get; init; }

    public TimeSpan? Duration { get; init; }

    public TimeSpan? TimeToFirstToken { get; init; }
}
