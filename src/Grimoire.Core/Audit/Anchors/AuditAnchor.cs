namespace Grimoire.Core.Audit.Anchors;

/// <summary>
/// The newest archive record the database has seen for one node (issue 17 item 9, X5): its record number and hash,
/// signed with a key kept outside the archive folder. It moves forward in the same transaction as the state that
/// record archives, so `grimoire audit verify` can tell a chain cut short ("the database saw record 815") or
/// rewritten (another hash at 815) from an intact one — which the chain alone cannot.
/// </summary>
public sealed class AuditAnchor
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The archive node (<see cref="AuditOptions.NodeId"/>); one anchor per node.</summary>
    public required string NodeId { get; set; }

    /// <summary>The record number (<c>seq</c>) of the newest record the database saw for this node.</summary>
    public long Sequence { get; set; }

    /// <summary>That record's <c>hash</c> (64 lower-case hex digits).</summary>
    public required string Hash { get; set; }

    /// <summary>Which secrets key the signature was made with (<c>Grimoire:Secrets:EncryptionKeyId</c>, or <c>demo</c>).</summary>
    public required string KeyId { get; set; }

    /// <summary>HMAC-SHA256 of node, record number and hash (<see cref="AuditAnchorSigner"/>), lower-case hex.</summary>
    public required string Signature { get; set; }

    /// <summary>When the anchor last moved (UTC).</summary>
    public DateTime AnchoredAt { get; set; }
}
