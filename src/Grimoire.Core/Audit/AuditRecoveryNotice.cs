namespace Grimoire.Core.Audit;

/// <summary>
/// Something the writer found at start-up and dealt with, never silently: a torn last line (kept aside in
/// <see cref="SetAsideFile"/>), or a damaged last record after which the chain continues in a new file.
/// </summary>
public sealed record AuditRecoveryNotice(DateTime At, string File, int Line, string? SetAsideFile, long Bytes, string Reason);
