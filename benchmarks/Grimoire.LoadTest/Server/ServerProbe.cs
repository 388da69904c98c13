using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Grimoire.LoadTest.Server;

/// <summary>A reading of the server process: managed heap after a full GC (dotnet-gcdump), working set, CPU time.</summary>
internal sealed record ServerReading(long HeapBytes, long WorkingSetBytes, TimeSpan CpuTime, DateTime At);

/// <summary>
/// Reads the server process from outside. The heap is what <c>dotnet-gcdump</c> (the repo's local tool) reports after
/// the full, blocking GC it induces: the same method the 1.4–1.5 MB per circuit was measured with.
/// Working set and CPU come from <c>/proc</c> (Linux).
/// </summary>
internal static partial class ServerProbe
{
    public static async Task<ServerReading> ReadAsync(int pid, CancellationToken ct)
    {
        var heap = await GcDumpHeapAsync(pid, ct);
        return new ServerReading(heap, WorkingSet(pid), CpuTime(pid), DateTime.UtcNow);
    }

    /// <summary>Working set (VmRSS) and CPU without the GC: cheap, for sampling during a run.</summary>
    public static ServerReading Quick(int pid) => new(0, WorkingSet(pid), CpuTime(pid), DateTime.UtcNow);

    public static long WorkingSet(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
            }
        }

        return 0;
    }

    public static TimeSpan CpuTime(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / 100.0); // USER_HZ is 100 on Linux
    }

    private static async Task<long> GcDumpHeapAsync(int pid, CancellationToken ct)
    {
        var file = Path.Combine(Path.GetTempPath(), $"grimoire-load-{pid}-{Guid.NewGuid():N}.gcdump");
        try
        {
            await RunAsync(["tool", "run", "dotnet-gcdump", "collect", "-p", pid.ToString(CultureInfo.InvariantCulture), "-o", file], ct);
            var report = await RunAsync(["tool", "run", "dotnet-gcdump", "report", file], ct);
            var total = Total().Match(report);
            if (!total.Success)
            {
                throw new InvalidOperationException("dotnet-gcdump report printed no total:\n" + report);
            }

            return long.Parse(total.Groups[1].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task<string> RunAsync(string[] arguments, CancellationToken ct)
    {
        var start = new ProcessStartInfo("dotnet", arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepoRoot(),
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet {string.Join(' ', arguments)} failed ({process.ExitCode}): {await error}{await output}"
                + "\nRun `dotnet tool restore` in the repository first.");
        }

        return await output;
    }

    /// <summary>Where dotnet-tools.json is: the local tool manifest that pins dotnet-gcdump.</summary>
    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "dotnet-tools.json")))
            {
                return dir.FullName;
            }
        }

        return Environment.CurrentDirectory;
    }

    // dotnet-gcdump report ends its table with e.g. "  123,456,789  GC Heap bytes" / "Total size: ..." (both forms read).
    [GeneratedRegex("([0-9][0-9,]*)\\s+(?:GC Heap bytes|bytes\\s+Total)", RegexOptions.IgnoreCase)]
    private static partial Regex Total();
}
