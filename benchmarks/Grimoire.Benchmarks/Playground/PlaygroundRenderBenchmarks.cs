using BenchmarkDotNet.Attributes;

namespace Grimoire.Benchmarks.Playground;

/// <summary>
/// Render work per streamed delta on Blazor's own renderer (what a circuit does, minus sending the batch): the
/// playground's message list (<see cref="MessageListHost"/>) with the streaming card last, after 0 or 299 finished
/// cards. One invocation streams a whole 200-delta answer into the last card (each delta: swap its view for one with
/// longer content, re-render the list); figures are per delta. The "no change" pair re-renders the same list 200 times
/// with nothing changed: the part of a delta's cost that grows with the list.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(PlaygroundJobs.MicroConfig))]
public class PlaygroundRenderBenchmarks
{
    private const int Deltas = 200;

    private MessageListFixture list = default!;

    [GlobalSetup(Targets = [nameof(OneMessage), nameof(OneMessageNoChange)])]
    public void SetupOne() => list = HeadlessMessageList.Render(1, Deltas);

    [GlobalSetup(Targets = [nameof(ThreeHundredMessages), nameof(ThreeHundredMessagesNoChange)])]
    public void SetupThreeHundred() => list = HeadlessMessageList.Render(300, Deltas);

    [GlobalCleanup]
    public void Cleanup() => list.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, OperationsPerInvoke = Deltas, Description = "Delta, 1 message")]
    public int OneMessage() => list.StreamAnswer();

    [Benchmark(OperationsPerInvoke = Deltas, Description = "Delta, 300 messages")]
    public int ThreeHundredMessages() => list.StreamAnswer();

    [Benchmark(OperationsPerInvoke = Deltas, Description = "No change, 1 message")]
    public int OneMessageNoChange() => list.RerenderUnchanged(Deltas);

    [Benchmark(OperationsPerInvoke = Deltas, Description = "No change, 300 messages")]
    public int ThreeHundredMessagesNoChange() => list.RerenderUnchanged(Deltas);
}
