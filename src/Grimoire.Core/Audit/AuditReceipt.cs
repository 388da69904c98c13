namespace Grimoire.Core.Audit;

/// <summary>
/// Where an appended record landed: its node, record number and hash. The database keeps the newest one per node
/// as that chain's anchor (<see cref="Anchors.AuditAnchorStore"/>), so a chain cut short or rewritten shows.
/// </summary>
public sealed record AuditReceipt(string NodeId, long Sequence, string Hash);
