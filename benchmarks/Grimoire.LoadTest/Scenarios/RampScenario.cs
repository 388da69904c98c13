using Grimoire.LoadTest.Circuits;
using Grimoire.LoadTest.Reporting;
using Grimoire.LoadTest.Server;

namespace Grimoire.LoadTest.Scenarios;

/// <summary>
/// Adds idle circuits in steps (<c>--step</c>, up to <c>--max</c>) and prints, per step, the circuits open, the start
/// time percentiles of the step, working set and CPU; stops at the first step with a failed or broken circuit, at
/// <c>--max</c>, or when a step's p95 start passes <c>--start-bound-ms</c> (30 s by default).
/// </summary>
internal static class RampScenario
{
    public static async Task<int> RunAsync(LoadOptions options, CancellationToken ct)
    {
        var step = options.Int("step", 100, 1, 10_000);
        var max = options.Int("max", 1000, 1, 20_000);
        var startBound = options.Int("start-bound-ms", 30_000, 100, 600_000);
        await using var run = await LoadRun.StartAsync(options, StandInPacing.From(options), ct);
        await using var pool = new CircuitPool(run.Web.BaseUrl);
        var empty = await ServerProbe.ReadAsync(run.Web.ProcessId, ct);
        Console.WriteLine($"ramp: +{step} idle circuits per step up to {max}; server heap {Report.Bytes(empty.HeapBytes)}, working set {Report.Bytes(empty.WorkingSetBytes)}");
        while (pool.Open.Count < max)
        {
            var from = ServerProbe.Quick(run.Web.ProcessId);
            var failedBefore = pool.Failures.Count;
            var before = pool.StartMilliseconds.Count;
            await pool.OpenAsync(Math.Min(step, max - pool.Open.Count), options.Parallel, ct);
            var to = ServerProbe.Quick(run.Web.ProcessId);
            var starts = Distribution.Of(pool.StartMilliseconds.Skip(before));
            Console.WriteLine($"step: {pool.Open.Count} circuits open");
            Report.Line("circuit start (this step)", starts.Ms);
            Report.Line("server working set", Report.Bytes(to.WorkingSetBytes));
            Report.Cpu(from, to);
            var failed = pool.Failures.Count - failedBefore + pool.Broken;
            Report.Line("errors", failed.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (failed > 0 || starts.P95 > startBound)
            {
                Console.WriteLine($"ramp: stopped at {pool.Open.Count} circuits ({(failed > 0 ? $"{failed} errors" : $"p95 start {starts.P95:0} ms over {startBound} ms")}).");
                return 1;
            }
        }

        var full = await ServerProbe.ReadAsync(run.Web.ProcessId, ct);
        Report.PerCircuit(empty, full, pool.Open.Count);
        Console.WriteLine($"ramp: reached --max {max} without errors.");
        return 0;
    }
}
