namespace Grimoire.Llm.Catalogue;

/// <summary>What a model can do, as the UI needs to know it.</summary>
public sealed record ModelCapabilities(
    bool Thinking,
    ThinkingControl ThinkingControl,
    bool Vision,
    bool Files,
    bool TemperatureAllowedWithThinking)
{
    public static ModelCapabilities TextOnly { get; } = new(false, ThinkingControl.None, false, false, true);
}
