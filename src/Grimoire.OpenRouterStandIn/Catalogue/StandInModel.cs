namespace Grimoire.OpenRouterStandIn.Catalogue;

/// <summary>
/// One model of the stand-in's catalogue, with OpenRouter's facts: prices are USD per token (sent as strings, as
/// OpenRouter does), <see cref="InputModalities"/> and <see cref="SupportedParameters"/> drive the capabilities.
/// </summary>
public sealed record StandInModel(
    string Id,
    string Name,
    string Description,
    int ContextLength,
    int MaxCompletionTokens,
    decimal PromptPrice,
    decimal CompletionPrice,
    IReadOnlyList<string> InputModalities,
    IReadOnlyList<string> SupportedParameters)
{
    /// <summary>OpenRouter's <c>canonical_slug</c>; the id when not set.</summary>
    public string? CanonicalSlug { get; init; }

    /// <summary>Unix seconds the model was added.</summary>
    public long Created { get; init; } = 1_735_689_600;

    /// <summary>USD per cached input token, if the model has cache pricing.</summary>
    public decimal? CacheReadPrice { get; init; }

    public string Tokenizer { get; init; } = "Other";

    /// <summary>The upstream provider named in each chunk (<c>"provider":"Anthropic"</c>).</summary>
    public string Provider { get; init; } = "OpenRouter";

    public bool IsModerated { get; init; }

    /// <summary>
    /// The <c>format</c> of the model's <c>reasoning_details</c> (e.g. <c>anthropic-claude-v1</c>); null when the model
    /// cannot reason.
    /// </summary>
    public string? ReasoningFormat { get; init; }

    /// <summary>True for models that always reason (DeepSeek R1), whether or not the request asks.</summary>
    public bool AlwaysReasons { get; init; }

    public bool SupportsReasoning => SupportedParameters.Contains("reasoning");

    public bool AcceptsImages => InputModalities.Contains("image");

    public bool AcceptsFiles => InputModalities.Contains("file");

    /// <summary>Reasoning arrives as a summary (OpenAI), not the thinking text itself.</summary>
    public bool ReasoningIsSummary => ReasoningFormat == "openai-responses-v1";

    /// <summary>Reasoning blocks carry a signature that must come back unchanged (Anthropic).</summary>
    public bool ReasoningIsSigned => ReasoningFormat == "anthropic-claude-v1";

    /// <summary>The cost of a call in USD: reasoning tokens are billed as output (they are in <paramref name="completionTokens"/>).</summary>
    public decimal CostOf(long promptTokens, long completionTokens) =>
        (promptTokens * PromptPrice) + (completionTokens * CompletionPrice);
}
