using System.Buffers;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Grimoire.Core.Audit;

/// <summary>
/// This node's chain on disk: holds the node's lock file, the open file and the chain head, and appends batches
/// of records — one write and one flush (fsync when configured) per batch, rolling to a new file at midnight UTC
/// or before the size limit. Used by one thread at a time (the archive's writer loop).
/// </summary>
internal sealed class AuditChainWriter : IDisposable
{
    private readonly string directory;
    private readonly string nodeId;
    private readonly AuditOptions options;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly FileStream nodeLock;
    private readonly ArrayBufferWriter<byte> pending = new(64 * 1024);
    private readonly ArrayBufferWriter<byte> line = new(16 * 1024);
    private readonly ArrayBufferWriter<byte> scratch = new(16 * 1024);
    private readonly Utf8JsonWriter json;
    private FileStream? stream;
    private AuditFileName? newest;
    private long fileLength;

    private AuditChainWriter(AuditOptions options, TimeProvider time, ILogger logger, FileStream nodeLock)
    {
        directory = options.Directory;
        nodeId = options.NodeId;
        this.options = options;
        this.time = time;
        this.logger = logger;
        this.nodeLock = nodeLock;
        json = new Utf8JsonWriter(scratch, AuditJsonContext.WriterOptions);
    }

    public long LastSequence { get; private set; }

    public string LastHash { get; private set; } = AuditLine.Genesis;

    public string? CurrentFile => stream is null ? null : newest?.Name;

    /// <summary>Takes the node's lock, recovers the chain (see <see cref="AuditRecovery"/>) and opens the newest file if it may go on.</summary>
    public static AuditChainWriter Open(AuditOptions options, TimeProvider time, ILogger logger, List<AuditRecoveryNotice> notices)
    {
        if (!Directory.Exists(options.Directory))
        {
            Directory.CreateDirectory(options.Directory);
            if (options.Fsync && Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(options.Directory)) is { Length: > 0 } parent)
            {
                DirectorySync.Flush(parent); // the archive folder's own entry
            }
        }

        FileStream nodeLock;
        try
        {
            nodeLock = new FileStream(
                Path.Combine(options.Directory, $"audit.{options.NodeId}.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            throw new IOException(
                $"Another process is writing the audit chain of node '{options.NodeId}' in {options.Directory}; "
                + $"every node needs its own {AuditOptions.Section}:NodeId.", ex);
        }

        var writer = new AuditChainWriter(options, time, logger, nodeLock);
        try
        {
            var head = AuditRecovery.Run(options.Directory, options.NodeId, time, options.MaxFileBytes, notices, logger);
            (writer.LastSequence, writer.LastHash, writer.newest) = (head.Sequence, head.Hash, head.Newest?.Name);
            if (head.ContinueNewest)
            {
                writer.stream = new FileStream(head.Newest!.Path, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 0);
                writer.fileLength = writer.stream.Length;
            }

            return writer;
        }
        catch
        {
            writer.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Chains and writes <paramref name="entries"/> in order, noting where each landed in <paramref name="receipts"/>.
    /// <paramref name="durable"/> is told how many of them are on disk after each flush (a roll flushes what came
    /// before it). On an exception the chain head in memory is no longer trustworthy: dispose this writer and open a
    /// new one, which recovers from the disk.
    /// </summary>
    public void Append(IReadOnlyList<AuditEntry> entries, AuditReceipt[] receipts, Action<int> durable)
    {
        for (var i = 0; i < entries.Count; i++)
        {
            line.ResetWrittenCount();
            var hash = AuditLine.Write(line, scratch, json, LastSequence + 1, LastHash, nodeId, entries[i]);
            var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
            var size = fileLength + pending.WrittenCount;
            if (stream is null || newest!.Date != today || (size > 0 && size + line.WrittenCount > options.MaxFileBytes))
            {
                Flush();
                durable(i);
                Roll(today);
            }

            pending.Write(line.WrittenSpan);
            (LastSequence, LastHash) = (LastSequence + 1, hash);
            receipts[i] = new AuditReceipt(nodeId, LastSequence, hash);
        }

        Flush();
        durable(entries.Count);
    }

    private void Flush()
    {
        if (pending.WrittenCount == 0 || stream is null)
        {
            return;
        }

        stream.Write(pending.WrittenSpan);
        stream.Flush(flushToDisk: options.Fsync);
        fileLength += pending.WrittenCount;
        pending.ResetWrittenCount();
    }

    private void Roll(DateOnly today)
    {
        CloseFile();
        var next = newest?.Next(today) ?? new AuditFileName(nodeId, 1, today);
        stream = new FileStream(Path.Combine(directory, next.Name), FileMode.CreateNew, FileAccess.Write, FileShare.Read, bufferSize: 0);
        (newest, fileLength) = (next, 0);
        if (options.Fsync)
        {
            // The new file's name must survive a power cut too, or the chain would lose its newest file.
            DirectorySync.Flush(directory);
        }
    }

    private void CloseFile()
    {
        if (stream is null)
        {
            return;
        }

        stream.Flush(flushToDisk: options.Fsync);
        stream.Dispose();
        stream = null;
        // An anchor outside the archive: with it, even a cut at the very end of the chain shows.
        logger.LogInformation("Audit file {File} closed at record {Sequence}, hash {Hash}", newest?.Name, LastSequence, LastHash);
    }

    public void Dispose()
    {
        try
        {
            if (pending.WrittenCount == 0)
            {
                CloseFile();
            }
        }
        finally
        {
            stream?.Dispose();
            json.Dispose();
            nodeLock.Dispose();
        }
    }
}
