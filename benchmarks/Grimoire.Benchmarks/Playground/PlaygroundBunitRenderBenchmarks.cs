using BenchmarkDotNet.Attributes;

namespace Grimoire.Benchmarks.Playground;

/// <summary>
/// The same per-delta render as <see cref="PlaygroundRenderBenchmarks"/>, under bUnit as the component tests run it.
/// bUnit regenerates the rendered component's whole HTML after every render (RenderedComponent.UpdateMarkup), so here
/// the cost grows with the list: a property of the test harness, kept to show the difference.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(PlaygroundJobs.SlowConfig))]
public class PlaygroundBunitRenderBenchmarks
{
    private const int Deltas = 200;

    private MessageListFixture list = default!;

    [GlobalSetup(Target = nameof(OneMessage))]
    public void SetupOne() => list = BunitMessageList.Render(1, Deltas);

    [GlobalSetup(Target = nameof(ThreeHundredMessages))]
    public void SetupThreeHundred() => list = BunitMessageList.Render(300, Deltas);

    [GlobalCleanup]
    public void Cleanup() => list.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, OperationsPerInvoke = Deltas, Description = "bUnit, 1 message")]
    public int OneMessage() => list.StreamAnswer();

    [Benchmark(OperationsPerInvoke = Deltas, Description = "bUnit, 300 messages")]
    public int ThreeHundredMessages() => list.StreamAnswer();
}
