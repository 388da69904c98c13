namespace Grimoire.Llm;

/// <summary>The provider kinds the product knows, as the strings stored in the database and configuration.</summary>
public static class ProviderKinds
{
    public const string OpenRouter = "openrouter";
    public const string Anthropic = "anthropic";
    public const string OpenAICompatible = "openai-compatible";
    public const string Simulated = "simulated";

    /// <summary>Every kind, in the order a picker shows them.</summary>
    public static IReadOnlyList<string> All { get; } = [OpenRouter, Anthropic, OpenAICompatible, Simulated];

    public static bool IsKnown(string? kind) => kind is not null && All.Contains(kind, StringComparer.Ordinal);
}
