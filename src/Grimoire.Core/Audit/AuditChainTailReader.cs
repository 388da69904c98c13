namespace Grimoire.Core.Audit;

/// <summary>Finds a record of a node's chain by its number, searching from the newest file back (the anchored record is near the end).</summary>
internal static class AuditChainTailReader
{
    /// <summary>The hash the record <paramref name="sequence"/> of <paramref name="nodeId"/> carries on disk, or null when no file holds it.</summary>
    public static async Task<string?> FindHashAsync(string directory, string nodeId, long sequence, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(directory))
        {
            return null;
        }

        foreach (var file in AuditFileName.List(directory).Where(f => f.Name.NodeId == nodeId).Reverse())
        {
            var bytes = await file.ReadAllAsync(cancellationToken);
            long? first = null;
            foreach (var line in Lines(bytes))
            {
                if (AuditLine.Read(line.Span).Header is { } header)
                {
                    first ??= header.Sequence;
                    if (header.Sequence == sequence)
                    {
                        return header.Hash;
                    }
                }
            }

            if (first <= sequence)
            {
                return null; // this file starts before the record and does not hold it
            }
        }

        return null;
    }

    private static IEnumerable<ReadOnlyMemory<byte>> Lines(ReadOnlyMemory<byte> bytes)
    {
        while (bytes.Length > 0)
        {
            var end = bytes.Span.IndexOf((byte)'\n');
            yield return end < 0 ? bytes : bytes[..end];
            bytes = end < 0 ? ReadOnlyMemory<byte>.Empty : bytes[(end + 1)..];
        }
    }
}
