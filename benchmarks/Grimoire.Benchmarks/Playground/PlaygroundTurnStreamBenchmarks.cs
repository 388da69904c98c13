using BenchmarkDotNet.Attributes;

namespace Grimoire.Benchmarks.Playground;

/// <summary>
/// The per-delta cost a turn adds to the provider stream, without the database: N concurrent simulated streams
/// (DelayMs = 0, pure CPU) consumed bare (baseline), against the same streams through exactly what TurnExecution does
/// per event between checkpoints (fold into a ChatTurn, read the clock, LiveTurn.Apply in the hub).
/// One invocation = N whole answers; "Per delta" divides by N × the answer's text deltas.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(PlaygroundJobs.StreamsConfig))]
public class PlaygroundTurnStreamBenchmarks
{
    private PlaygroundServices services = default!;

    [Params(1, 50, 200)]
    public int Turns { get; set; }

    [GlobalSetup]
    public void Setup() => services = PlaygroundServices.StartAsync(delayMs: 0).GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => services.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, Description = "Bare provider stream")]
    public async Task<int> BareProviderStream() => (await services.StreamBareAsync(Turns)).Sum();

    [Benchmark(Description = "Stream + ChatTurn + LiveTurn (no DB)")]
    public async Task<int> StreamThroughHub() => (await services.StreamThroughHubAsync(Turns)).Sum();
}
