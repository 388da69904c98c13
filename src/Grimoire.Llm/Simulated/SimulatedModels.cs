using Grimoire.Llm.Catalogue;

namespace Grimoire.Llm.Simulated;

/// <summary>The simulated provider's own catalogue; the demo seed uses these ids. Prices are fake.</summary>
public static class SimulatedModels
{
    public const string ThinkerId = "simulated/thinker";
    public const string SwiftId = "simulated/swift";
    public const string VisionId = "simulated/vision";

    public static ModelInfo Thinker { get; } = new(
        ProviderKinds.Simulated, ThinkerId, "Simulated Thinker", 200_000, 32_000,
        new ModelPricing(3m, 15m, 0.3m),
        new ModelCapabilities(true, ThinkingControl.Budget, false, false, TemperatureAllowedWithThinking: false))
    {
        Description = "Offline and deterministic. Thinks with a token budget; like Anthropic, no temperature while thinking.",
    };

    public static ModelInfo Swift { get; } = new(
        ProviderKinds.Simulated, SwiftId, "Simulated Swift", 128_000, 8_192,
        new ModelPricing(0.15m, 0.6m),
        ModelCapabilities.TextOnly)
    {
        Description = "Offline and deterministic. Fast answers, no thinking.",
    };

    public static ModelInfo Vision { get; } = new(
        ProviderKinds.Simulated, VisionId, "Simulated Vision", 128_000, 16_384,
        new ModelPricing(1.25m, 5m),
        new ModelCapabilities(false, ThinkingControl.None, Vision: true, Files: true, TemperatureAllowedWithThinking: true))
    {
        Description = "Offline and deterministic. Accepts images and files, no thinking.",
    };

    public static IReadOnlyList<ModelInfo> All { get; } = [Thinker, Swift, Vision];

    public static ModelInfo? Find(string id) => All.FirstOrDefault(m => m.Id == id);
}
