using BenchmarkDotNet.Running;
using Grimoire.Benchmarks.Playground;

namespace Grimoire.Benchmarks;

// Not top-level statements: Grimoire.Web (referenced for the message-card benchmarks) already has a public Program.
internal static class BenchmarkProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Contains(TurnMemoryMeasurement.Switch))
        {
            await TurnMemoryMeasurement.RunAsync();
            return 0;
        }

        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
        return 0;
    }
}
