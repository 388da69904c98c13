using System.Text;
using BenchmarkDotNet.Attributes;
using Grimoire.Core.Playground.Live;
using Grimoire.Llm.Streaming;

namespace Grimoire.Benchmarks.Playground;

/// <summary>
/// The live hub alone, no database: one <see cref="LiveTurn.Apply"/> per text delta with 0, 1 or 5 watchers draining
/// their (coalesced) signals on the thread pool, against appending the same delta to a StringBuilder.
/// Figures are per delta (OperationsPerInvoke); one invocation is a whole answer of 1,000 deltas, begun and finished
/// in the hub.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(PlaygroundJobs.MicroConfig))]
public class PlaygroundLiveHubBenchmarks
{
    private const int Deltas = 1_000;

    private readonly Guid conversationId = Guid.NewGuid();
    private TextDelta[] deltas = [];
    private InProcessLiveTurnHub hub = default!;
    private LiveSubscription[] subscriptions = [];
    private Task<long>[] drains = [];

    [GlobalSetup(Target = nameof(StringBuilderAppend))]
    public void SetupBaseline() => Setup(0);

    [GlobalSetup(Target = nameof(ApplyNoWatcher))]
    public void SetupNoWatcher() => Setup(0);

    [GlobalSetup(Target = nameof(ApplyOneWatcher))]
    public void SetupOneWatcher() => Setup(1);

    [GlobalSetup(Target = nameof(ApplyFiveWatchers))]
    public void SetupFiveWatchers() => Setup(5);

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var subscription in subscriptions)
        {
            subscription.Dispose();
        }

        Task.WaitAll(drains);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Deltas, Description = "StringBuilder.Append")]
    public int StringBuilderAppend()
    {
        var text = new StringBuilder();
        foreach (var delta in deltas)
        {
            text.Append(delta.Text);
        }

        return text.Length;
    }

    [Benchmark(OperationsPerInvoke = Deltas, Description = "LiveTurn.Apply, 0 watchers")]
    public int ApplyNoWatcher() => StreamAnswer();

    [Benchmark(OperationsPerInvoke = Deltas, Description = "LiveTurn.Apply, 1 watcher")]
    public int ApplyOneWatcher() => StreamAnswer();

    [Benchmark(OperationsPerInvoke = Deltas, Description = "LiveTurn.Apply, 5 watchers")]
    public int ApplyFiveWatchers() => StreamAnswer();

    private void Setup(int watchers)
    {
        string[] words = ["The ", "answer ", "is ", "naïve ", "**string** ", "matching, ", "step ", "by ", "step.\n\n", "`code` "];
        deltas = [.. Enumerable.Range(0, Deltas).Select(i => new TextDelta(words[i % words.Length]))];
        hub = new InProcessLiveTurnHub(TimeProvider.System);
        subscriptions = [.. Enumerable.Range(0, watchers).Select(_ => hub.Subscribe(conversationId))];
        drains = [.. subscriptions.Select(s => Task.Run(() => DrainAsync(s)))];
    }

    private int StreamAnswer()
    {
        var live = hub.TryBeginAsync(conversationId, Guid.NewGuid(), Guid.NewGuid(), CancellationToken.None).AsTask().GetAwaiter().GetResult()!;
        var now = DateTime.UtcNow;
        foreach (var delta in deltas)
        {
            live.Apply(delta, now);
        }

        hub.Finish(live);
        live.Dispose();
        return deltas.Length;
    }

    /// <summary>A watcher that only takes its signals (the page's watcher also takes a snapshot, at most 20 a second).</summary>
    private static async Task<long> DrainAsync(LiveSubscription subscription)
    {
        long signals = 0;
        while (await subscription.NextAsync(CancellationToken.None) is not null)
        {
            signals++;
        }

        return signals;
    }
}
