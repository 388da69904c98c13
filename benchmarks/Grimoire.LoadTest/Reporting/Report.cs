using System.Globalization;
using Grimoire.LoadTest.Server;

namespace Grimoire.LoadTest.Reporting;

/// <summary>Prints the figures, one per line, so a run's output can be pasted into docs/performance.md.</summary>
internal static class Report
{
    public static void Line(string name, string value) => Console.WriteLine($"  {name,-34} {value}");

    public static string Bytes(double bytes) => bytes switch
    {
        >= 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024 * 1024):0.0} MiB"),
        >= 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024:0.0} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes:0} B"),
    };

    /// <summary>Heap and working set per circuit between two readings, and both readings.</summary>
    public static void PerCircuit(ServerReading before, ServerReading after, int circuits)
    {
        Line("server heap before/after (full GC)", $"{Bytes(before.HeapBytes)} → {Bytes(after.HeapBytes)}");
        Line("server working set before/after", $"{Bytes(before.WorkingSetBytes)} → {Bytes(after.WorkingSetBytes)}");
        if (circuits > 0)
        {
            Line("managed heap per circuit", Bytes((after.HeapBytes - before.HeapBytes) / (double)circuits));
            Line("working set per circuit", Bytes((after.WorkingSetBytes - before.WorkingSetBytes) / (double)circuits));
        }
    }

    /// <summary>Server CPU between two readings, as a share of one core and of the machine.</summary>
    public static void Cpu(ServerReading from, ServerReading to)
    {
        var wall = (to.At - from.At).TotalSeconds;
        if (wall <= 0)
        {
            return;
        }

        var cores = (to.CpuTime - from.CpuTime).TotalSeconds / wall;
        Line("server CPU", string.Create(CultureInfo.InvariantCulture,
            $"{cores * 100:0}% of one core = {cores * 100 / Environment.ProcessorCount:0}% of {Environment.ProcessorCount} cores over {wall:0.0} s"));
    }
}
