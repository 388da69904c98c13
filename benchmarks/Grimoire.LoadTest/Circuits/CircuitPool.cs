using System.Collections.Concurrent;
using System.Diagnostics;

namespace Grimoire.LoadTest.Circuits;

/// <summary>Opens circuits a few at a time (bounded), keeps the ones that started, and counts the ones that did not.</summary>
internal sealed class CircuitPool(Uri site) : IAsyncDisposable
{
    /// <summary>The demo students, in turn: several circuits per person, as a student with several tabs.</summary>
    public static readonly string[] Students = ["alex@demo.grimoire.test", "priya@demo.grimoire.test", "sam@demo.grimoire.test"];

    private readonly ConcurrentBag<CircuitClient> open = [];
    private readonly ConcurrentBag<string> failures = [];
    private readonly ConcurrentBag<double> startMs = [];
    private int opened;

    public IReadOnlyCollection<CircuitClient> Open => open;

    public IReadOnlyCollection<string> Failures => failures;

    /// <summary>Milliseconds from the sign-in request to an interactive composer, per started circuit.</summary>
    public IReadOnlyCollection<double> StartMilliseconds => startMs;

    public async Task<IReadOnlyList<CircuitClient>> OpenAsync(int count, int parallel, CancellationToken ct)
    {
        var added = new ConcurrentBag<CircuitClient>();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = ct }, async (_, token) =>
        {
            var n = Interlocked.Increment(ref opened);
            var client = new CircuitClient(site, Students[n % Students.Length]);
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var bound = CancellationTokenSource.CreateLinkedTokenSource(token);
                bound.CancelAfter(TimeSpan.FromSeconds(90));
                await client.StartAsync(bound.Token);
                startMs.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                open.Add(client);
                added.Add(client);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                failures.Add($"{ex.GetType().Name}: {client.LastError ?? ex.Message}");
                await client.DisposeAsync();
            }
        });
        return [.. added];
    }

    /// <summary>Circuits whose connection reported an error since they started (closed, JS.Error, failed call).</summary>
    public int Broken => open.Count(c => c.Traffic.Errors > 0);

    /// <summary>Why circuits broke (the last error of each, distinct), for the report.</summary>
    public IEnumerable<string> BrokenReasons => open.Where(c => c.Traffic.Errors > 0).Select(c => c.LastError ?? "?").Distinct();

    public async ValueTask DisposeAsync()
    {
        foreach (var client in open)
        {
            await client.DisposeAsync();
        }
    }
}
