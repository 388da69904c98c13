using Grimoire.Llm.Anthropic;
using Grimoire.Llm.OpenAICompatible;
using Grimoire.Llm.OpenRouter;
using Grimoire.Llm.Simulated;
using Grimoire.Llm.Wire;

namespace Grimoire.Llm;

/// <summary>Configuration section <c>Grimoire:Providers</c>, validated at start-up.</summary>
public sealed class GrimoireProvidersOptions
{
    public const string SectionName = "Grimoire:Providers";

    public OpenRouterOptions OpenRouter { get; set; } = new();

    public AnthropicOptions Anthropic { get; set; } = new();

    public OpenAICompatibleOptions OpenAICompatible { get; set; } = new();

    public SimulatedOptions Simulated { get; set; } = new();

    public RetryOptions Retry { get; set; } = new();

    /// <summary>How long a fetched model catalogue is used before it is fetched again.</summary>
    public TimeSpan CatalogueLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Longest wait for a provider to start answering (its response headers); the stream itself may run longer.
    /// Generous by default because local servers may load a model first.
    /// </summary>
    public TimeSpan HeadersTimeout { get; set; } = TimeSpan.FromSeconds(120);
}
