using Grimoire.LoadTest.Circuits;
using Grimoire.LoadTest.Reporting;
using Grimoire.LoadTest.Server;

namespace Grimoire.LoadTest.Scenarios;

/// <summary>
/// N idle playground circuits: one warm-up circuit (opened and closed, so shared caches are loaded), a reading after a
/// full GC, N circuits opened a few at a time, a settle, and a second reading. Heap and working set per circuit are
/// the difference over N.
/// </summary>
internal static class IdleScenario
{
    public static async Task<int> RunAsync(LoadOptions options, CancellationToken ct)
    {
        var circuits = options.Int("circuits", 200, 1, 20_000);
        await using var run = await LoadRun.StartAsync(options, StandInPacing.From(options), ct);
        var (errors, _) = await MeasureAsync(run, circuits, options.Parallel, ct);
        return errors == 0 ? 0 : 1;
    }

    /// <summary>Opens <paramref name="circuits"/> on a warmed server and prints the figures; returns the errors and the pool.</summary>
    public static async Task<(int Errors, ServerReading After)> MeasureAsync(LoadRun run, int circuits, int parallel, CancellationToken ct)
    {
        await using (var warm = new CircuitPool(run.Web.BaseUrl))
        {
            await warm.OpenAsync(2, 2, ct);
            if (warm.Failures.Count > 0)
            {
                throw new InvalidOperationException("The warm-up circuit did not start: " + warm.Failures.First());
            }
        }

        await Task.Delay(TimeSpan.FromSeconds(2), ct); // the warm-up circuits' disposal reaches the server
        var before = await ServerProbe.ReadAsync(run.Web.ProcessId, ct);
        await using var pool = new CircuitPool(run.Web.BaseUrl);
        var opening = ServerProbe.Quick(run.Web.ProcessId);
        await pool.OpenAsync(circuits, parallel, ct);
        var opened = ServerProbe.Quick(run.Web.ProcessId);
        await Task.Delay(TimeSpan.FromSeconds(3), ct); // first renders and interop replies settle
        var after = await ServerProbe.ReadAsync(run.Web.ProcessId, ct);
        var errors = pool.Failures.Count + pool.Broken;

        Console.WriteLine($"idle: {pool.Open.Count} of {circuits} circuits interactive");
        Report.Line("circuit start (sign-in → composer)", Distribution.Of(pool.StartMilliseconds).Ms);
        Report.Line("frames per circuit start", Distribution.Of(pool.Open.Select(c => (double)c.Traffic.Messages)).Plain("frames"));
        Report.Line("bytes per circuit start", Distribution.Of(pool.Open.Select(c => (double)c.Traffic.Bytes)).Plain("B"));
        Report.PerCircuit(before, after, pool.Open.Count);
        Report.Cpu(opening, opened);
        Report.Line("errors", $"{errors} ({pool.Failures.Count} did not start, {pool.Broken} broke)");
        foreach (var failure in pool.Failures.Distinct().Concat(pool.BrokenReasons).Take(5))
        {
            Report.Line("  e.g.", failure);
        }

        return (errors, after);
    }
}
