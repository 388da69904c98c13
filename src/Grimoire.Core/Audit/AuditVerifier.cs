namespace Grimoire.Core.Audit;

/// <summary>
/// Checks every chain in an archive folder from its first record to its last and names the first broken record
/// of each: file, line, record and why. With the database's anchors (<see cref="AuditAnchorView"/>) it also checks
/// each chain reaches the record the database saw last, with the same hash — what the chain alone cannot show.
/// Reads files only; works with or without a writer running (a writer appending at that moment can make the very
/// last line look torn).
/// </summary>
public static class AuditVerifier
{
    /// <summary>The files alone: a chain cut at its end, or rewritten to its end, still passes.</summary>
    public static Task<AuditVerification> VerifyAsync(string directory, CancellationToken cancellationToken) =>
        VerifyAsync(directory, null, cancellationToken);

    /// <summary>
    /// The files against the database's <paramref name="anchors"/> (null: the files alone). Every anchored node is
    /// reported, even one with no file left; a chain without an anchor is <see cref="AuditProblemKind.NotAnchored"/>.
    /// </summary>
    public static async Task<AuditVerification> VerifyAsync(
        string directory, IReadOnlyCollection<AuditAnchorView>? anchors, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var exists = Directory.Exists(directory);
        if (!exists && anchors is not { Count: > 0 })
        {
            throw new DirectoryNotFoundException($"There is no archive folder at {directory}.");
        }

        var byNode = anchors?.ToDictionary(a => a.NodeId, StringComparer.Ordinal);
        var reports = new List<AuditChainReport>();
        var files = exists ? AuditFileName.List(directory) : [];
        foreach (var chain in files.GroupBy(f => f.Name.NodeId, StringComparer.Ordinal))
        {
            var anchor = byNode?.GetValueOrDefault(chain.Key);
            var report = await VerifyChainAsync(chain.Key, [.. chain], anchor?.Sequence, cancellationToken);
            reports.Add(byNode is null ? report : AuditAnchorComparison.Compare(report, anchor));
        }

        foreach (var orphan in byNode?.Values.Where(a => !reports.Any(r => r.NodeId == a.NodeId)) ?? [])
        {
            reports.Add(AuditAnchorComparison.NoFiles(orphan));
        }

        var setAside = exists ? AuditFileName.ListSetAside(directory).Select(Path.GetFileName).OfType<string>().ToList() : [];
        return new AuditVerification(directory, [.. reports.OrderBy(r => r.NodeId, StringComparer.Ordinal)], setAside);
    }

    private static async Task<AuditChainReport> VerifyChainAsync(
        string nodeId, List<AuditFile> files, long? anchoredSequence, CancellationToken cancellationToken)
    {
        var state = new ChainState(anchoredSequence);
        for (var i = 0; i < files.Count && state.Problem is null; i++)
        {
            var file = files[i];
            var expected = i == 0 ? 1 : files[i - 1].Name.Number + 1;
            if (file.Name.Number != expected)
            {
                state.Fail(file.Name.Number < expected ? AuditProblemKind.DuplicateFile : AuditProblemKind.MissingFile, file, 1, null,
                    file.Name.Number < expected
                        ? $"{files[i - 1].Name.Name} and this file both claim file number {file.Name.Number:000000}"
                        : $"file number {expected:000000} of node {nodeId} is missing: the chain goes from "
                          + (i == 0 ? "its start" : files[i - 1].Name.Name) + " to this file");
                break;
            }

            VerifyFile(state, file, await file.ReadAllAsync(cancellationToken));
        }

        return new AuditChainReport(nodeId, files.Count, state.Records, state.ExpectedSequence - 1, state.PrevHash, state.Problem)
        {
            Tail = new AuditChainTail(files[^1].Name.Name, state.AnchoredRecord),
            AcceptedBreaks = state.AcceptedBreaks,
        };
    }

    private static void VerifyFile(ChainState state, AuditFile file, byte[] bytes)
    {
        var lines = Lines(bytes);
        for (var index = 0; index < lines.Count && state.Problem is null; index++)
        {
            var (start, length, terminated) = lines[index];
            var lineNumber = index + 1;
            var read = AuditLine.Read(bytes.AsSpan(start, length));
            var header = read.Header;
            if (!terminated && !(read.HashMatches && header!.Sequence == state.ExpectedSequence && header.Prev == state.PrevHash))
            {
                state.Fail(AuditProblemKind.TornLine, file, lineNumber, header?.Sequence,
                    $"the last line is cut short ({length} bytes, no newline{(read.Problem is { } p ? "; " + p : "")}): a write was interrupted or the file was truncated");
            }
            else if (!read.IsRecord)
            {
                state.Fail(AuditProblemKind.BadRecord, file, lineNumber, null, read.Problem!);
            }
            else if (!read.HashMatches)
            {
                state.Fail(AuditProblemKind.HashMismatch, file, lineNumber, header!.Sequence,
                    "the record's bytes do not match its hash: it was changed after it was written");
            }
            else if (header!.NodeId != file.Name.NodeId)
            {
                state.Fail(AuditProblemKind.WrongNode, file, lineNumber, header.Sequence,
                    $"the record belongs to node '{header.NodeId}', not to this file's node '{file.Name.NodeId}'");
            }
            else if (header.Sequence != state.ExpectedSequence)
            {
                SequenceProblem(state, file, bytes, lines, index, header.Sequence);
            }
            else if (header.Prev != state.PrevHash)
            {
                state.Fail(AuditProblemKind.PrevHashMismatch, file, lineNumber, header.Sequence,
                    $"its prev hash is not the hash of record {state.ExpectedSequence - 1}: a record before it was changed or replaced");
            }
            else
            {
                state.Accept(header, file, lineNumber);
            }
        }
    }

    private static void SequenceProblem(ChainState state, AuditFile file, byte[] bytes, List<(int Start, int Length, bool Terminated)> lines, int index, long found)
    {
        var expected = state.ExpectedSequence;
        var laterLine = lines.Skip(index + 1)
            .Select((l, offset) => (Line: index + 2 + offset, Read: AuditLine.Read(bytes.AsSpan(l.Start, l.Length))))
            .FirstOrDefault(l => l.Read.Header?.Sequence == expected).Line;
        if (found < expected)
        {
            state.Fail(AuditProblemKind.SequenceReorder, file, index + 1, found,
                $"record {found} comes after record {expected - 1}: records are out of order or repeated");
        }
        else if (laterLine > 0)
        {
            state.Fail(AuditProblemKind.SequenceReorder, file, index + 1, found,
                $"record {found} comes before record {expected} (line {laterLine}): records are out of order");
        }
        else
        {
            state.Fail(AuditProblemKind.SequenceGap, file, index + 1, found,
                found == expected + 1
                    ? $"record {expected} is missing before it (deleted)"
                    : $"records {expected} to {found - 1} are missing before it (deleted)");
        }
    }

    /// <summary>Each line's start, length (without its newline) and whether it ended with one.</summary>
    private static List<(int Start, int Length, bool Terminated)> Lines(byte[] bytes)
    {
        var lines = new List<(int, int, bool)>();
        var start = 0;
        while (start < bytes.Length)
        {
            var end = Array.IndexOf(bytes, (byte)'\n', start);
            if (end < 0)
            {
                lines.Add((start, bytes.Length - start, false));
                break;
            }

            lines.Add((start, end - start, true));
            start = end + 1;
        }

        return lines;
    }

    private sealed class ChainState(long? anchoredSequence)
    {
        public long ExpectedSequence { get; private set; } = 1;

        public string PrevHash { get; private set; } = AuditLine.Genesis;

        public long Records { get; private set; }

        public AuditProblem? Problem { get; private set; }

        /// <summary>Where the record the database anchored was found, and its hash.</summary>
        public AuditRecordAt? AnchoredRecord { get; private set; }

        /// <summary>The records where an operator accepted a break in the chain (<see cref="AuditKinds.AnchorReset"/>).</summary>
        public List<long> AcceptedBreaks { get; } = [];

        public void Accept(AuditRecordHeader header, AuditFile file, int line)
        {
            if (ExpectedSequence == anchoredSequence)
            {
                AnchoredRecord = new AuditRecordAt(file.Name.Name, line, header.Hash);
            }

            if (header.Kind == AuditKinds.AnchorReset)
            {
                AcceptedBreaks.Add(header.Sequence);
            }

            (ExpectedSequence, PrevHash, Records) = (ExpectedSequence + 1, header.Hash, Records + 1);
        }

        public void Fail(AuditProblemKind kind, AuditFile file, int line, long? sequence, string message) =>
            Problem = new AuditProblem(kind, file.Name.Name, line, sequence, message);
    }
}
