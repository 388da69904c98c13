namespace Grimoire.Llm.Catalogue;

/// <summary>One model of a provider's catalogue, mapped to one shape whatever the provider.</summary>
public sealed record ModelInfo(
    string ProviderKind,
    string Id,
    string Name,
    int ContextLength,
    int? MaxOutputTokens,
    ModelPricing Pricing,
    ModelCapabilities Capabilities)
{
    /// <summary>The provider's description, when it gives one.</summary>
    public string? Description { get; init; }
}
