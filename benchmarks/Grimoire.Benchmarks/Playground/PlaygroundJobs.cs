using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Grimoire.Benchmarks.Playground;

/// <summary>
/// The playground benchmarks bring their own jobs (run them without <c>--job</c>), sized so the whole set stays
/// around ten minutes on a 2-core machine. They run in the benchmark process itself (in-process emit toolchain):
/// a generated out-of-process project would recompile Core, Llm, Web and both migration assemblies without the compiler
/// server, which alone overran BenchmarkDotNet's 2-minute build timeout on this machine under load.
/// </summary>
internal static class PlaygroundJobs
{
    private static readonly Job InProcess = Job.Default.WithToolchain(InProcessEmitToolchain.Instance);

    /// <summary>Microbenchmarks: one launch, 3 warm-ups, 15 measured iterations against noise.</summary>
    public static readonly Job Micro = InProcess.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(15).WithId("Short15");

    /// <summary>Concurrent streams (tens of milliseconds per invocation): 3 warm-ups, 9 measured iterations.</summary>
    public static readonly Job Streams = InProcess.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(9).WithId("Short9");

    /// <summary>bUnit over 300 cards takes seconds per invocation: ShortRun's 3 warm-ups and 3 iterations.</summary>
    public static readonly Job Slow = InProcess.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(3).WithId("Short3");

    /// <summary>
    /// Whole turns: one invocation per iteration (each turn needs a fresh conversation, made in IterationSetup),
    /// 1 warm-up and 5 measured iterations.
    /// </summary>
    public static readonly Job WholeTurns = InProcess
        .WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(5)
        .WithInvocationCount(1).WithUnrollFactor(1)
        .WithId("Turns");

    public sealed class MicroConfig : ManualConfig
    {
        public MicroConfig() => AddJob(Micro);
    }

    public sealed class SlowConfig : ManualConfig
    {
        public SlowConfig() => AddJob(Slow);
    }

    public sealed class StreamsConfig : ManualConfig
    {
        public StreamsConfig()
        {
            AddJob(Streams);
            AddColumn(PerDeltaColumn.Time, PerDeltaColumn.Allocated);
        }
    }

    public sealed class WholeTurnsConfig : ManualConfig
    {
        public WholeTurnsConfig()
        {
            AddJob(WholeTurns);
            AddColumn(PerDeltaColumn.Time, PerDeltaColumn.Allocated);
        }
    }
}
