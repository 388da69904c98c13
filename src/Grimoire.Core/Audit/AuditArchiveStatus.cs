namespace Grimoire.Core.Audit;

/// <summary>
/// The writer's state: where it writes, the head of this node's chain (last sequence number and hash — note them
/// elsewhere to anchor the chain), and what start-up recovery found.
/// </summary>
public sealed record AuditArchiveStatus(
    string Directory,
    string NodeId,
    bool Running,
    string? CurrentFile,
    long LastSequence,
    string LastHash,
    long RecordsWritten,
    IReadOnlyList<AuditRecoveryNotice> Recovered,
    string? LastError);
