namespace Grimoire.Llm.Simulated;

/// <summary>Configuration <c>Grimoire:Providers:Simulated</c>.</summary>
public sealed class SimulatedOptions
{
    /// <summary>Pause between streamed pieces, in milliseconds (0 in tests).</summary>
    public int DelayMs { get; set; } = 25;

    /// <summary>Seed used when a request sets none.</summary>
    public long DefaultSeed { get; set; } = 42;
}
