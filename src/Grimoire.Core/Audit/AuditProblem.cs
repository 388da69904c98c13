namespace Grimoire.Core.Audit;

/// <summary>Why a chain is broken at a record.</summary>
public enum AuditProblemKind
{
    /// <summary>The file's last line is cut short (no newline, not a whole record).</summary>
    TornLine,

    /// <summary>The line is not valid JSON, or not laid out as an archive record.</summary>
    BadRecord,

    /// <summary>The record's bytes do not match its own hash: it was changed after it was written.</summary>
    HashMismatch,

    /// <summary>The record's <c>prev</c> is not the hash of the record before it.</summary>
    PrevHashMismatch,

    /// <summary>Records are missing before this one (deleted lines).</summary>
    SequenceGap,

    /// <summary>The record is out of order (lines swapped or repeated).</summary>
    SequenceReorder,

    /// <summary>A file of the chain is missing (the file numbers jump).</summary>
    MissingFile,

    /// <summary>Two files claim the same place in the chain.</summary>
    DuplicateFile,

    /// <summary>The record names another node than its file.</summary>
    WrongNode,

    /// <summary>The chain ends before the record the database anchored: its last records or newest files were removed.</summary>
    TailMissing,

    /// <summary>The record the database anchored has another hash here: it, or records before it, were rewritten.</summary>
    AnchorMismatch,

    /// <summary>The database's anchor for the node is not signed by this installation's key: it was altered.</summary>
    AnchorForged,

    /// <summary>The chain has records but the database holds no anchor for its node, so its end cannot be checked.</summary>
    NotAnchored,
}

/// <summary>
/// The first broken record of a chain: where (file and 1-based line; line 0 when the problem is the chain's end,
/// and no file when the node has none left), which record, what and why.
/// </summary>
public sealed record AuditProblem(AuditProblemKind Kind, string File, int Line, long? Sequence, string Message)
{
    public override string ToString() =>
        (File.Length == 0 ? "" : Line > 0 ? $"{File} line {Line}" : $"after {File}")
        + (Sequence is { } s ? $" (record {s})" : "")
        + (File.Length == 0 && Sequence is null ? "" : ": ") + Message;
}

/// <summary>
/// One node's chain: its files and records, its head, the record the database anchored (null when verified without
/// the database, or when it has no anchor for the node), and its first problem if any.
/// </summary>
public sealed record AuditChainReport(string NodeId, int Files, long Records, long LastSequence, string LastHash, AuditProblem? Problem)
{
    public long? AnchoredSequence { get; init; }

    /// <summary>Records where an operator accepted that the chain had lost or changed records the database had seen (<see cref="AuditKinds.AnchorReset"/>).</summary>
    public IReadOnlyList<long> AcceptedBreaks { get; init; } = [];

    /// <summary>For the anchor check: the chain's newest file and the anchored record where the walk met it.</summary>
    internal AuditChainTail? Tail { get; init; }

    public bool IsIntact => Problem is null;
}

/// <summary>
/// A node's anchor as the database holds it, for <see cref="AuditVerifier"/>: the newest record it saw, and why its
/// signature does not check out (null when it does).
/// </summary>
public sealed record AuditAnchorView(string NodeId, long Sequence, string Hash, string? SignatureProblem);

/// <summary>
/// The result of checking every chain in a folder. <see cref="SetAsideFiles"/> are torn fragments the writer
/// kept aside at start-up: reported, not failures (the chain was continued from the last good record).
/// </summary>
public sealed record AuditVerification(string Directory, IReadOnlyList<AuditChainReport> Chains, IReadOnlyList<string> SetAsideFiles)
{
    public bool IsIntact => Chains.Count > 0 && Chains.All(c => c.IsIntact);

    public AuditProblem? FirstProblem => Chains.Select(c => c.Problem).FirstOrDefault(p => p is not null);
}
