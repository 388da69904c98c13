using System.Globalization;
using Grimoire.Core.Playground.Live;

namespace Grimoire.Benchmarks.Playground;

/// <summary>
/// Memory per active turn (a console mode, not BenchmarkDotNet): N turns are held open in the simulated provider's
/// first pause (DelayMs = 10,000), and the managed heap after a full collection is compared with the heap before
/// they started. The baseline holds N bare provider streams open the same way.
/// Run with <see cref="TurnCostMeasurement"/>: <c>dotnet run -c Release -- --playground-turns</c>.
/// </summary>
internal static class TurnMemoryMeasurement
{
    // One turn (~10 KB) is below the noise of GC.GetTotalMemory between two full collections: 50 and 200 only.
    private static readonly int[] Counts = [50, 200];

    public static async Task RunAsync()
    {
        await using var services = await PlaygroundServices.StartAsync(delayMs: 10_000);

        // Warm-up (JIT, EF Core's model and query caches, the tokenizer): not counted.
        await MeasureBareAsync(services, 2);
        await MeasureTurnsAsync(services, 2);

        Console.WriteLine("Memory per active turn (held in the simulated provider's first pause, before the first text delta)");
        Console.WriteLine();
        Console.WriteLine("| Active turns | Bare stream: retained / turn | TurnRunner: retained / turn | Ratio | Bare: allocated / turn | TurnRunner: allocated / turn | Ratio |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var n in Counts)
        {
            var bare = await MeasureBareAsync(services, n);
            var turns = await MeasureTurnsAsync(services, n);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {n} | {Kb(bare.Retained)} | {Kb(turns.Retained)} | {turns.Retained / bare.Retained:N1}× | {Kb(bare.Allocated)} | {Kb(turns.Allocated)} | {turns.Allocated / bare.Allocated:N1}× |"));
        }
    }

    private static async Task<(double Retained, double Allocated)> MeasureBareAsync(PlaygroundServices services, int n)
    {
        using var stop = new CancellationTokenSource();
        var started = 0;
        var allStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var (before, allocatedBefore) = Settle();
        var streams = services.StreamBareAsync(n, () =>
        {
            if (Interlocked.Increment(ref started) == n)
            {
                allStarted.SetResult();
            }
        }, stop.Token);
        await allStarted.Task.WaitAsync(TimeSpan.FromMinutes(1));
        await Task.Delay(500); // every stream reaches its first pause
        var (after, allocatedAfter) = Settle();
        await stop.CancelAsync();
        await streams;
        return ((after - before) / (double)n, (allocatedAfter - allocatedBefore) / (double)n);
    }

    private static async Task<(double Retained, double Allocated)> MeasureTurnsAsync(PlaygroundServices services, int n)
    {
        var conversations = await services.CreateConversationsAsync(n);
        var (before, allocatedBefore) = Settle();
        var running = await services.StartTurnsAsync(conversations);
        await Task.Delay(500); // every turn reaches the provider's first pause
        var (after, allocatedAfter) = Settle();
        if (running.Any(t => t is null) || running.Length != services.Hub.Running.Count)
        {
            throw new InvalidOperationException("A turn finished before it was measured: raise the simulated DelayMs.");
        }

        foreach (var live in running.OfType<LiveTurn>())
        {
            await services.Hub.RequestStopAsync(new StopTurn(live.ConversationId, live.AssistantMessageId), CancellationToken.None);
        }

        await Task.WhenAll(running.Select(t => t!.Completion));
        return ((after - before) / (double)n, (allocatedAfter - allocatedBefore) / (double)n);
    }

    private static (long Heap, long Allocated) Settle()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        return (GC.GetTotalMemory(forceFullCollection: true), GC.GetTotalAllocatedBytes(precise: true));
    }

    private static string Kb(double bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024:N1} KB");
}
