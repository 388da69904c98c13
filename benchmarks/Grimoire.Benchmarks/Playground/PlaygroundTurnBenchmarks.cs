using BenchmarkDotNet.Attributes;

namespace Grimoire.Benchmarks.Playground;

/// <summary>
/// N concurrent whole turns through <see cref="Core.Playground.Turns.TurnRunner"/> (access checks, the user message
/// stored first, the live hub, checkpoints, the final write) on SQLite, against the same N requests streamed bare from
/// the same simulated provider (DelayMs = 0). Every turn is the first of a fresh conversation, made in IterationSetup,
/// so both sides run one invocation per iteration. "Per delta" divides by N × the answer's text deltas.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(PlaygroundJobs.WholeTurnsConfig))]
public class PlaygroundTurnBenchmarks
{
    private PlaygroundServices services = default!;
    private Guid[] conversations = [];

    [Params(1, 50, 200)]
    public int Turns { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        services = PlaygroundServices.StartAsync(delayMs: 0).GetAwaiter().GetResult();
        // Warm the tokenizer and the provider path once so neither side pays a first-call cost.
        PlaygroundServices.StreamOnceAsync(services.Registry).GetAwaiter().GetResult();
    }

    [IterationSetup(Target = nameof(TurnRunnerTurns))]
    public void FreshConversations() => conversations = services.CreateConversationsAsync(Turns).GetAwaiter().GetResult();

    [IterationCleanup(Target = nameof(TurnRunnerTurns))]
    public void VerifyAnswered() => services.VerifyAnsweredAsync(conversations).GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => services.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, Description = "Bare provider stream")]
    public async Task<int> BareProviderStream() => (await services.StreamBareAsync(Turns)).Sum();

    [Benchmark(Description = "TurnRunner + live hub + SQLite")]
    public Task TurnRunnerTurns() => services.RunTurnsAsync(conversations);
}
