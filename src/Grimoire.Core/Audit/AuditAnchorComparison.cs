namespace Grimoire.Core.Audit;

/// <summary>Where a record is: file, 1-based line, and its hash.</summary>
internal sealed record AuditRecordAt(string File, int Line, string Hash);

/// <summary>What the anchor check needs from a walked chain: its newest file, and the anchored record if it was reached.</summary>
internal sealed record AuditChainTail(string NewestFile, AuditRecordAt? AnchoredRecord);

/// <summary>
/// A walked chain against the database's anchor for its node (issue 17 item 9): the chain must reach the anchored
/// record, with the anchored hash, under a valid signature. Only a chain that is sound in itself is compared — its
/// own first break is the better clue.
/// </summary>
internal static class AuditAnchorComparison
{
    public static AuditChainReport Compare(AuditChainReport report, AuditAnchorView? anchor)
    {
        var tail = report.Tail!;
        var anchored = report with { AnchoredSequence = anchor?.Sequence };
        if (!report.IsIntact)
        {
            return anchored;
        }

        var problem = anchor switch
        {
            null => new AuditProblem(AuditProblemKind.NotAnchored, tail.NewestFile, 0, null,
                "the database holds no anchor for this node, so records cut from the end of its chain would not show "
                + "(records written before anchors existed, or the anchor was deleted from the database)"),
            { SignatureProblem: { } forged } => new AuditProblem(AuditProblemKind.AnchorForged, tail.NewestFile, 0, null,
                $"the database's anchor (record {anchor.Sequence}) cannot be trusted: {forged}"),
            _ when anchor.Sequence > report.LastSequence => new AuditProblem(AuditProblemKind.TailMissing, tail.NewestFile, 0, null,
                $"the archive ends at record {report.LastSequence}, the database saw {anchor.Sequence}: {Missing(report.LastSequence, anchor.Sequence)}"),
            _ when tail.AnchoredRecord is { } found && !string.Equals(found.Hash, anchor.Hash, StringComparison.Ordinal) =>
                new AuditProblem(AuditProblemKind.AnchorMismatch, found.File, found.Line, anchor.Sequence,
                    $"its hash is not the one the database anchored ({anchor.Hash[..Math.Min(16, anchor.Hash.Length)]}…): this record, or records before it, "
                    + "were rewritten and the hashes after them recomputed"),
            _ => null,
        };
        return anchored with { Problem = problem };
    }

    /// <summary>An anchored node with no archive file left at all.</summary>
    public static AuditChainReport NoFiles(AuditAnchorView anchor) =>
        new(anchor.NodeId, 0, 0, 0, AuditLine.Genesis, new AuditProblem(AuditProblemKind.TailMissing, "", 0, null,
            $"the archive has no files for this node, but the database saw record {anchor.Sequence}: {Missing(0, anchor.Sequence)}"))
        {
            AnchoredSequence = anchor.Sequence,
        };

    private static string Missing(long last, long anchored) =>
        (anchored == last + 1 ? $"record {anchored} is missing" : $"records {last + 1} to {anchored} are missing")
        + " (cut from the end of the chain, or its newest file deleted)";
}
