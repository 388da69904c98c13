using BenchmarkDotNet.Attributes;
using Grimoire.Core.Audit;
using Grimoire.Llm.Streaming;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Grimoire.Benchmarks.Audit;

/// <summary>
/// Appending one ~5 KB provider-call record to the archive, with fsync on and off, against a bare
/// <see cref="FileStream"/> append (+ flush, + fsync when on) of the same line's bytes. One caller at a time gives
/// the latency a turn waits for; 64 callers at once show the single writer's batching (one write and one fsync per
/// batch). Each iteration starts from an empty folder.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(AuditJobs))]
public class AuditAppendBenchmarks : IDisposable
{
    private const int Callers = 64;

    /// <summary>Sequential appends per invocation, so an iteration lasts long enough to time well without fsync.</summary>
    private const int InARow = 8;

    private readonly Task[] appends = new Task[Callers];
    private ProviderCallFacts facts = default!;
    private ChatTurn turn = default!;
    private AuditEntry entry = default!;
    private byte[] line = [];
    private string directory = "";
    private AuditArchive? archive;
    private FileStream? bare;

    [Params(true, false)]
    public bool Fsync { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        (facts, turn) = AuditSample.ProviderCall();
        entry = AuditEntries.ProviderCall(facts, turn);

        // The baseline writes exactly the bytes of one archive line.
        var probe = Path.Combine(Path.GetTempPath(), "grimoire-audit-bench-probe-" + Guid.NewGuid().ToString("N"));
        using (var first = Open(probe))
        {
            first.AppendAsync(entry, CancellationToken.None).GetAwaiter().GetResult();
            first.StopAsync(CancellationToken.None).GetAwaiter().GetResult();
        }

        line = File.ReadAllBytes(Directory.GetFiles(probe, "audit.*.jsonl").Single());
        Directory.Delete(probe, recursive: true);
        Console.WriteLine($"// One archive line: {line.Length:N0} bytes");
    }

    [IterationSetup]
    public void StartIteration()
    {
        directory = Path.Combine(Path.GetTempPath(), "grimoire-audit-bench-" + Guid.NewGuid().ToString("N"));
        archive = Open(directory);
        archive.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
        bare = new FileStream(Path.Combine(directory, "bare.jsonl"), FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 0);
    }

    [IterationCleanup]
    public void EndIteration()
    {
        Dispose();
        Directory.Delete(directory, recursive: true);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = InARow, Description = "Bare FileStream: write line + flush")]
    public void BareAppend()
    {
        for (var i = 0; i < InARow; i++)
        {
            bare!.Write(line);
            bare.Flush(flushToDisk: Fsync);
        }
    }

    [Benchmark(OperationsPerInvoke = InARow, Description = "Archive: 1 caller (latency per record)")]
    public async Task ArchiveOneCaller()
    {
        for (var i = 0; i < InARow; i++)
        {
            await archive!.AppendAsync(entry, CancellationToken.None);
        }
    }

    [Benchmark(OperationsPerInvoke = Callers, Description = "Archive: 64 concurrent callers (per record)")]
    public Task ArchiveConcurrentCallers()
    {
        for (var i = 0; i < Callers; i++)
        {
            appends[i] = archive!.AppendAsync(entry, CancellationToken.None);
        }

        return Task.WhenAll(appends);
    }

    [Benchmark(OperationsPerInvoke = InARow, Description = "Make the record on the caller (AuditEntries.ProviderCall)")]
    public AuditEntry MakeRecord()
    {
        var made = entry;
        for (var i = 0; i < InARow; i++)
        {
            made = AuditEntries.ProviderCall(facts, turn);
        }

        return made;
    }

    public void Dispose()
    {
        archive?.Dispose();
        archive = null;
        bare?.Dispose();
        bare = null;
        GC.SuppressFinalize(this);
    }

    private AuditArchive Open(string folder) => new(
        Options.Create(new AuditOptions { Directory = folder, NodeId = "bench", Fsync = Fsync }),
        TimeProvider.System,
        NullLogger<AuditArchive>.Instance);
}
