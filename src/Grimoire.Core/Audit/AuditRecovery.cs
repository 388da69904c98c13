using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Grimoire.Core.Audit;

/// <summary>Where a node's chain stands on disk, after start-up recovery.</summary>
internal sealed record AuditChainHead(long Sequence, string Hash, AuditFile? Newest, bool ContinueNewest);

/// <summary>
/// Start-up recovery of one node's chain. Only the newest file's tail can be torn (records are appended whole and
/// flushed before anyone is told they are written), so: bytes after the last newline that make a whole, valid next
/// record get their newline back; anything else there is copied to <c>{file}.torn-{UTC time}</c>, cut from the
/// file and reported. A newline-terminated last record that does not check out is left for <c>verify</c> to name,
/// and the chain continues from the last good record in a new file.
/// </summary>
internal static class AuditRecovery
{
    public static AuditChainHead Run(
        string directory, string nodeId, TimeProvider time, long maxFileBytes, List<AuditRecoveryNotice> notices, ILogger logger)
    {
        var files = AuditFileName.List(directory).Where(f => f.Name.NodeId == nodeId).ToList();
        if (files.Count == 0)
        {
            return new AuditChainHead(0, AuditLine.Genesis, null, false);
        }

        var newest = files[^1];
        var bytes = ReadAll(newest.Path);
        var tailStart = bytes.AsSpan().LastIndexOf((byte)'\n') + 1;
        var (sequence, hash, damaged) = LastGoodRecord(files, bytes.AsMemory(0, tailStart), notices, time, logger);

        var length = (long)bytes.Length;
        if (tailStart < bytes.Length)
        {
            var fragment = bytes.AsSpan(tailStart);
            var read = AuditLine.Read(fragment);
            var line = bytes.AsSpan(0, tailStart).Count((byte)'\n') + 1;
            if (!damaged && read.HashMatches && read.Header!.Sequence == sequence + 1 && read.Header.Prev == hash)
            {
                // A whole record whose newline did not make it: complete it rather than call it torn.
                using var stream = new FileStream(newest.Path, FileMode.Append, FileAccess.Write, FileShare.Read);
                stream.Write("\n"u8);
                stream.Flush(flushToDisk: true);
                (sequence, hash) = (read.Header.Sequence, read.Header.Hash);
                length++;
                logger.LogInformation("Audit archive: completed the last record of {File} (line {Line}), whose newline was missing", newest.Name.Name, line);
            }
            else
            {
                var reason = read.Problem
                    ?? (read.HashMatches ? "the record does not follow the one before it" : "the record's hash does not match its bytes");
                var aside = SetAside(newest, fragment, time);
                length = tailStart;
                using (var stream = new FileStream(newest.Path, FileMode.Open, FileAccess.Write, FileShare.Read))
                {
                    stream.SetLength(tailStart);
                    stream.Flush(flushToDisk: true);
                }

                notices.Add(new AuditRecoveryNotice(time.GetUtcNow().UtcDateTime, newest.Name.Name, line, Path.GetFileName(aside), fragment.Length, "torn last line: " + reason));
                logger.LogWarning(
                    "Audit archive: the last line of {File} (line {Line}, {Bytes} bytes) was torn ({Reason}); it is kept in {SetAside} and the chain continues from record {Sequence}",
                    newest.Name.Name, line, fragment.Length, reason, Path.GetFileName(aside), sequence);
            }
        }

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        return new AuditChainHead(sequence, hash, newest, !damaged && newest.Name.Date == today && length < maxFileBytes);
    }

    /// <summary>The last record that checks out, searching back from the end of the newest file (and into older files if it is empty).</summary>
    private static (long Sequence, string Hash, bool Damaged) LastGoodRecord(
        List<AuditFile> files, ReadOnlyMemory<byte> newestWhole, List<AuditRecoveryNotice> notices, TimeProvider time, ILogger logger)
    {
        var damaged = false;
        for (var i = files.Count - 1; i >= 0; i--)
        {
            var content = i == files.Count - 1 ? newestWhole : WholeLines(ReadAll(files[i].Path));
            var lines = content.Span.Count((byte)'\n');
            var end = content.Length - 1;
            for (var line = lines; line >= 1; line--)
            {
                var start = content.Span[..end].LastIndexOf((byte)'\n') + 1;
                var read = AuditLine.Read(content.Span[start..end]);
                if (read.HashMatches)
                {
                    return (read.Header!.Sequence, read.Header.Hash, damaged);
                }

                if (!damaged)
                {
                    damaged = true;
                    var reason = read.Problem ?? "the record's hash does not match its bytes";
                    notices.Add(new AuditRecoveryNotice(time.GetUtcNow().UtcDateTime, files[i].Name.Name, line, null, end - start,
                        $"damaged last record ({reason}); left in place for verify to name, the chain continues in a new file"));
                    logger.LogError(
                        "Audit archive: line {Line} of {File} is not a sound record ({Reason}); it is left in place and the chain continues in a new file. Run `grimoire audit verify`.",
                        line, files[i].Name.Name, reason);
                }

                end = start - 1;
            }
        }

        return (0, AuditLine.Genesis, damaged);
    }

    private static ReadOnlyMemory<byte> WholeLines(byte[] bytes) => bytes.AsMemory(0, bytes.AsSpan().LastIndexOf((byte)'\n') + 1);

    private static string SetAside(AuditFile file, ReadOnlySpan<byte> fragment, TimeProvider time)
    {
        var stamp = time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var path = file.Path + AuditFileName.TornMarker + stamp;
        for (var n = 2; File.Exists(path); n++)
        {
            path = file.Path + AuditFileName.TornMarker + stamp + "-" + n.ToString(CultureInfo.InvariantCulture);
        }

        using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            stream.Write(fragment);
            stream.Flush(flushToDisk: true);
        }

        DirectorySync.Flush(System.IO.Path.GetDirectoryName(path)!); // the copy must exist before the file is cut
        return path;
    }

    internal static byte[] ReadAll(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }
}
