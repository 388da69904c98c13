namespace Grimoire.Core.Audit;

/// <summary>Bound from <c>Grimoire:Audit</c>: where and how the tamper-evident archive is written (AC4.3, X5).</summary>
public sealed class AuditOptions
{
    public const string Section = "Grimoire:Audit";

    /// <summary>
    /// Folder of the archive files. Empty means <c>{DataDirectory}/archive</c>; a relative path resolves against the
    /// data folder. Several nodes may share it: each writes its own chain.
    /// </summary>
    public string Directory { get; set; } = "";

    /// <summary>This node's name in the archive file names; empty means the machine name. Must differ per node.</summary>
    public string NodeId { get; set; } = "";

    /// <summary>Force every batch of records to the disk (fsync) before their appends complete. Off: the OS cache only.</summary>
    public bool Fsync { get; set; } = true;

    /// <summary>A file rolls over when the next record would take it past this size (and at midnight UTC).</summary>
    public long MaxFileBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Records waiting for the writer before appends wait for room.</summary>
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>
    /// Empty, or <c>{node}:{record}</c> to start once although this node's chain no longer matches the database's
    /// anchor at that record (records lost, e.g. an archive restored from an older backup). Start-up then appends an
    /// <see cref="AuditKinds.AnchorReset"/> record saying what was found and anchors the chain there. It only ever
    /// matches the mismatch it names, so leaving it set cannot hide a later one.
    /// </summary>
    public string AcceptBrokenAnchor { get; set; } = "";
}
