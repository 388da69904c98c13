using Grimoire.Llm.Catalogue;

namespace Grimoire.Llm.Anthropic;

/// <summary>
/// What Anthropic's model list does not say: output limits, prices (USD per million, published list prices) and
/// thinking support, by model id prefix. Unknown newer models get the current Sonnet's figures.
/// </summary>
internal static class AnthropicModelFacts
{
    private static readonly (string Prefix, int MaxOutput, decimal In, decimal Out, bool Thinking)[] Table =
    [
        ("claude-opus-4-5", 64_000, 5m, 25m, true),
        ("claude-opus-4", 32_000, 15m, 75m, true),
        ("claude-sonnet-4", 64_000, 3m, 15m, true),
        ("claude-haiku-4", 64_000, 1m, 5m, true),
        ("claude-3-7-sonnet", 64_000, 3m, 15m, true),
        ("claude-3-5-haiku", 8_192, 0.8m, 4m, false),
        ("claude-3-5-sonnet", 8_192, 3m, 15m, false),
        ("claude-3-haiku", 4_096, 0.25m, 1.25m, false),
        ("claude-3-opus", 4_096, 15m, 75m, false),
    ];

    public const int ContextLength = 200_000;

    public static ModelInfo Describe(string id, string? displayName, int? contextLength = null, int? maxOutput = null)
    {
        var fact = Table.FirstOrDefault(f => id.StartsWith(f.Prefix, StringComparison.Ordinal));
        if (fact.Prefix is null)
        {
            fact = ("", 64_000, 3m, 15m, true);
        }

        return new ModelInfo(
            ProviderKinds.Anthropic,
            id,
            displayName ?? id,
            contextLength ?? ContextLength,
            maxOutput ?? fact.MaxOutput,
            new ModelPricing(fact.In, fact.Out, fact.In / 10m),
            new ModelCapabilities(fact.Thinking, fact.Thinking ? ThinkingControl.Budget : ThinkingControl.None, Vision: true, Files: true, TemperatureAllowedWithThinking: false));
    }
}
