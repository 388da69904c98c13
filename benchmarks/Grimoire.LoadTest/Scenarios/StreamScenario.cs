using System.Collections.Concurrent;
using Grimoire.LoadTest.Circuits;
using Grimoire.LoadTest.Reporting;
using Grimoire.LoadTest.Server;

namespace Grimoire.LoadTest.Scenarios;

/// <summary>
/// M senders each send one turn at the same moment, on the stand-in paced like a real model, while K more circuits
/// sit idle on their own playgrounds (other students with the page open). Reports request→provider overhead,
/// piece→render-batch latency with and without the 50 ms coalescing window, frames and bytes per answer, memory per
/// circuit, server CPU over the streaming phase, and errors.
/// </summary>
internal static class StreamScenario
{
    /// <summary>The playground's deliberate coalescing window (LiveFollowing.LiveFrame): at most one render per 50 ms.</summary>
    public const double CoalescingMs = 50;

    public static async Task<int> RunAsync(LoadOptions options, CancellationToken ct)
    {
        var senders = options.Int("senders", 20, 1, 5_000);
        var watchers = options.Int("watchers", 40, 0, 20_000);
        var trackers = new ConcurrentDictionary<int, AnswerTracker>();
        var pacing = StandInPacing.From(options, (body, at) =>
            AnswerTracker.SenderOf(body) is { } n && trackers.TryGetValue(n, out var t) ? t.Received(at) : null);
        Console.WriteLine($"stream: {senders} senders, {watchers} watchers; stand-in {pacing.Tokens} tokens at {1 / pacing.Pace.TotalSeconds:0} deltas/s after {pacing.FirstToken.TotalMilliseconds:0} ms");
        await using var run = await LoadRun.StartAsync(options, pacing, ct);
        return await MeasureAsync(run, senders, watchers, options.Parallel, trackers, ct);
    }

    public static async Task<int> MeasureAsync(
        LoadRun run, int senders, int watchers, int parallel, ConcurrentDictionary<int, AnswerTracker> trackers, CancellationToken ct)
    {
        await using (var warm = new CircuitPool(run.Web.BaseUrl))
        {
            // One whole turn first, so first-call costs (tokenizer, HTTP client, JIT of the streaming path) are not
            // counted against the first senders.
            var opened = await warm.OpenAsync(2, 2, ct);
            var first = (opened.Count > 0 ? opened[0] : null)
                ?? throw new InvalidOperationException("The warm-up circuits did not start: " + warm.Failures.FirstOrDefault());
            var warmUp = trackers[0] = new AnswerTracker(0, first);
            await warmUp.SendAsync(ct);
            await warmUp.Done.WaitAsync(TimeSpan.FromMinutes(2), ct);
        }

        var empty = await ServerProbe.ReadAsync(run.Web.ProcessId, ct);
        await using var pool = new CircuitPool(run.Web.BaseUrl);
        await pool.OpenAsync(watchers, parallel, ct);
        var sending = await pool.OpenAsync(senders, parallel, ct);
        await Task.Delay(TimeSpan.FromSeconds(3), ct);
        var connected = await ServerProbe.ReadAsync(run.Web.ProcessId, ct);

        var turns = sending.Select((client, i) => new AnswerTracker(i + 1, client)).ToList();
        foreach (var turn in turns)
        {
            trackers[turn.Sender] = turn;
        }

        var streamStart = ServerProbe.Quick(run.Web.ProcessId);
        await Task.WhenAll(turns.Select(t => t.SendAsync(ct)));
        var bound = Task.Delay(TimeSpan.FromMinutes(5), ct);
        var peakWorkingSet = 0L;
        while (!turns.All(t => t.Done.IsCompleted) && !bound.IsCompleted)
        {
            peakWorkingSet = Math.Max(peakWorkingSet, ServerProbe.WorkingSet(run.Web.ProcessId));
            await Task.WhenAny(Task.WhenAll(turns.Select(t => t.Done)), bound, Task.Delay(500, ct));
        }

        var streamEnd = ServerProbe.Quick(run.Web.ProcessId);
        var finished = turns.Where(t => t.Done.IsCompletedSuccessfully).ToList();
        var chunkMs = finished.SelectMany(t => t.PieceToBatchMs).ToList();
        var errors = pool.Failures.Count + pool.Broken + (turns.Count - finished.Count) + (senders - sending.Count);

        Console.WriteLine($"stream: {finished.Count} of {senders} answers complete; {pool.Open.Count} circuits open ({watchers} watchers)");
        Report.Line("request→provider (own overhead)", Distribution.Of(turns.Select(t => t.RequestToProviderMs).Where(ms => !double.IsNaN(ms))).Ms);
        Report.Line("chunk→circuit", Distribution.Of(chunkMs).Ms);
        Report.Line("chunk→circuit beyond 50 ms window", Distribution.Of(chunkMs.Select(ms => Math.Max(0, ms - CoalescingMs))).Ms);
        Report.Line("frames per answer", Distribution.Of(finished.Select(t => (double)t.Answer.Messages)).Plain("frames"));
        Report.Line("render batches per answer", Distribution.Of(finished.Select(t => (double)t.Answer.Batches)).Plain("batches"));
        Report.Line("bytes per answer", Distribution.Of(finished.Select(t => (double)t.Answer.Bytes)).Plain("B"));
        Report.PerCircuit(empty, connected, pool.Open.Count);
        Report.Line("server working set peak (streaming)", Report.Bytes(peakWorkingSet));
        Report.Cpu(streamStart, streamEnd);
        Report.Line("errors", $"{errors} ({pool.Failures.Count + senders - sending.Count} did not start, {pool.Broken} broke, {turns.Count - finished.Count} answers unfinished)");
        foreach (var failure in pool.Failures.Distinct().Concat(pool.BrokenReasons).Take(5))
        {
            Report.Line("  e.g.", failure);
        }

        return errors == 0 ? 0 : 1;
    }
}
