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
}

/// <summary>The first broken record of a chain: where (file and 1-based line), which record, what and why.</summary>
public sealed record AuditProblem(AuditProblemKind Kind, string File, int Line, long? Sequence, string Message)
{
    public override string ToString() =>
        $"{File} line {Line}{(Sequence is { } s ? $" (record {s})" : "")}: {Message}";
}

/// <summary>One node's chain: its files and records, its head, and its first problem if any.</summary>
public sealed record AuditChainReport(string NodeId, int Files, long Records, long LastSequence, string LastHash, AuditProblem? Problem)
{
    public bool IsIntact => Problem is null;
}

/// <summary>
/// The result of checking every chain in a folder. <see cref="SetAsideFiles"/> are torn fragments the writer
/// kept aside at start-up: reported, not failures (the chain was continued from the last good record).
/// </summary>
public sealed record AuditVerification(string Directory, IReadOnlyList<AuditChainReport> Chains, IReadOnlyList<string> SetAsideFiles)
{
    public bool IsIntact => Chains.Count > 0 && Chains.All(c => c.IsIntact);

    public AuditProblem? FirstProblem => Chains.Select(c => c.Problem).FirstOrDefault(p => p is not null);
}
