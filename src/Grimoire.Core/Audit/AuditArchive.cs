using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grimoire.Core.Audit;

/// <summary>
/// The append-only, hash-chained JSONL archive (AC4.3, AC4.4, X5). Any number of callers append concurrently;
/// one writer loop takes records from a channel in order, chains them, writes each batch in one write and one
/// flush (fsync when <see cref="AuditOptions.Fsync"/>), then completes their appends. So when
/// <see cref="AppendAsync"/> returns, the record is on disk, whole, in its place in the chain.
/// <para>
/// The loop starts with <see cref="AuditArchiveService"/> in the web host (recovering a torn tail at start-up), or
/// on the first append where no host runs it (tests, tools). Singleton.
/// </para>
/// </summary>
public sealed class AuditArchive : IAsyncDisposable, IDisposable
{
    private const int MaxBatch = 1024;

    private readonly AuditOptions options;
    private readonly TimeProvider time;
    private readonly ILogger<AuditArchive> logger;
    private readonly AuditMetrics? metrics;
    private readonly Channel<PendingRecord> queue;
    private readonly SemaphoreSlim startGate = new(1, 1);
    private readonly Lock statusGate = new();
    private readonly List<AuditRecoveryNotice> recovered = [];
    private AuditChainWriter? writer;
    private Task? loop;
    private bool stopped;
    private bool disposed;
    private long written;
    private string? lastError;

    public AuditArchive(IOptions<AuditOptions> options, TimeProvider time, ILogger<AuditArchive> logger, AuditMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options.Value;
        this.time = time;
        this.logger = logger;
        this.metrics = metrics;
        queue = Channel.CreateBounded<PendingRecord>(
            new BoundedChannelOptions(this.options.QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    }

    /// <summary>
    /// Appends one record and returns once it is written and flushed, with where it landed (anchor it in the
    /// database with <see cref="Anchors.AuditAnchorStore"/>). Cancelling stops the wait, not the record: once queued,
    /// it is written. Throws <see cref="InvalidOperationException"/> after <see cref="StopAsync"/>, and
    /// <see cref="IOException"/> (or the like) when the disk refused the write.
    /// </summary>
    public async Task<AuditReceipt> AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var started = time.GetTimestamp();
        var ok = false;
        try
        {
            var receipt = await QueueAndWaitAsync(entry, cancellationToken);
            ok = true;
            return receipt;
        }
        finally
        {
            metrics?.Appended(time.GetElapsedTime(started), ok);
        }
    }

    private async Task<AuditReceipt> QueueAndWaitAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        if (loop is null)
        {
            await StartAsync(cancellationToken);
        }

        var record = new PendingRecord(entry);
        try
        {
            await queue.Writer.WriteAsync(record, cancellationToken);
        }
        catch (ChannelClosedException ex)
        {
            throw new InvalidOperationException("The audit archive has stopped; nothing more can be appended.", ex);
        }

        return await record.Written.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Recovers this node's chain and starts the writer loop; does nothing if it runs already.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await startGate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(stopped, this);
            if (loop is not null)
            {
                return;
            }

            writer = OpenWriter();
            logger.LogInformation(
                "Audit archive for node {Node} in {Directory}: continuing after record {Sequence} (hash {Hash})",
                options.NodeId, options.Directory, writer.LastSequence, writer.LastHash);
            loop = Task.Run(RunAsync, CancellationToken.None);
        }
        finally
        {
            startGate.Release();
        }
    }

    /// <summary>Writes everything queued, closes the file and stops. Appends after this fail. Safe to call again.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await startGate.WaitAsync(cancellationToken);
        }
        catch (ObjectDisposedException)
        {
            return; // the container already disposed the archive, which flushed and closed it
        }

        try
        {
            stopped = true;
            queue.Writer.TryComplete();
        }
        finally
        {
            startGate.Release();
        }

        if (loop is not null)
        {
            await loop.WaitAsync(cancellationToken);
        }

        lock (statusGate)
        {
            writer?.Dispose();
            writer = null;
        }
    }

    /// <summary>Where the archive writes, the chain head, and what start-up recovery found (torn lines kept aside).</summary>
    public AuditArchiveStatus GetStatus()
    {
        lock (statusGate)
        {
            return new AuditArchiveStatus(
                options.Directory, options.NodeId, loop is not null && !loop.IsCompleted, writer?.CurrentFile,
                writer?.LastSequence ?? 0, writer?.LastHash ?? AuditLine.Genesis, written, [.. recovered], lastError);
        }
    }

    private AuditChainWriter OpenWriter()
    {
        var notices = new List<AuditRecoveryNotice>();
        var opened = AuditChainWriter.Open(options, time, logger, notices);
        lock (statusGate)
        {
            recovered.AddRange(notices);
        }

        return opened;
    }

    private async Task RunAsync()
    {
        var batch = new List<PendingRecord>(MaxBatch);
        var entries = new List<AuditEntry>(MaxBatch);
        var receipts = new AuditReceipt[MaxBatch];
        while (await queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            batch.Clear();
            entries.Clear();
            while (batch.Count < MaxBatch && queue.Reader.TryRead(out var record))
            {
                batch.Add(record);
                entries.Add(record.Entry);
            }

            WriteBatch(batch, entries, receipts);
        }
    }

    private void WriteBatch(List<PendingRecord> batch, List<AuditEntry> entries, AuditReceipt[] receipts)
    {
        var done = 0;
        try
        {
            lock (statusGate)
            {
                writer ??= OpenWriter();
                writer.Append(entries, receipts, durable =>
                {
                    for (; done < durable; done++)
                    {
                        batch[done].Written.TrySetResult(receipts[done]);
                        written++;
                    }
                });
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LogError(ex, "Audit archive: {Count} record(s) could not be written; the chain will be recovered from the disk", batch.Count - done);
            lock (statusGate)
            {
                lastError = ex.Message;
                writer?.Dispose();
                writer = null;
            }

            for (var i = done; i < batch.Count; i++)
            {
                batch[i].Written.TrySetException(ex);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }

        await StopAsync(CancellationToken.None); // idempotent: also closes a file a cancelled stop left open
        disposed = true;
        startGate.Dispose();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private sealed class PendingRecord(AuditEntry entry)
    {
        public AuditEntry Entry { get; } = entry;

        public TaskCompletionSource<AuditReceipt> Written { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
