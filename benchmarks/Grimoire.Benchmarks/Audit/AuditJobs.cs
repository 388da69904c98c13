using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Grimoire.Benchmarks.Audit;

/// <summary>
/// The archive benchmarks bring their own job (run them without <c>--job</c>): each iteration starts a fresh archive
/// folder in IterationSetup, so the invocation count is fixed (256 calls per iteration) instead of pilot-tuned.
/// In process: what is measured is disk I/O and the writer loop, and rebuilding this project (it references the web
/// host) for a separate process can outlast BenchmarkDotNet's build timeout on a busy machine.
/// </summary>
public sealed class AuditJobs : ManualConfig
{
    public AuditJobs() => AddJob(Job.Default
        .WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(12)
        .WithInvocationCount(256).WithUnrollFactor(1)
        .WithToolchain(InProcessEmitToolchain.Instance)
        .WithId("Audit"));
}
