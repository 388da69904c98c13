using BenchmarkDotNet.Running;
using Grimoire.Benchmarks.Playground;

namespace Grimoire.Benchmarks;

// Not top-level statements: Grimoire.Web (referenced for the message-card benchmarks) already has a public Program.
internal static class BenchmarkProgram
{
    public static async Task<int> Main(string[] args)
    {
        // Whole-turn costs BenchmarkDotNet cannot express: memory per active turn, CPU and SQL per turn.
        if (args.Contains("--playground-turns"))
        {
            await TurnMemoryMeasurement.RunAsync();
            Console.WriteLine();
            await TurnCostMeasurement.RunAsync();
            return 0;
        }

        // The usage dashboard's queries on 1,000,000 rows against COUNT(*) (issue 13): Usage/UsageDashboardMeasurement.
        if (args.Contains("--usage-dashboard"))
        {
            await Usage.UsageDashboardMeasurement.RunAsync();
            return 0;
        }

        // Issue 10: a ~20 MB PDF through the real upload (peak memory; extraction against one read of the file).
        if (args.Contains("--attachment-upload"))
        {
            await Attachments.AttachmentUploadMeasurement.RunAsync();
            return 0;
        }

        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
        return 0;
    }
}
