namespace Grimoire.Core.Audit;

/// <summary>
/// One record to append, made by <see cref="AuditEntries"/>: its kind, when it happened, whose it is, and its
/// data already serialised (on the caller's thread, so the single writer only chains and writes).
/// </summary>
public sealed class AuditEntry
{
    internal AuditEntry(string kind, DateTime at, AuditIds ids, byte[] data)
    {
        Kind = kind;
        At = at.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(at, DateTimeKind.Utc) : at.ToUniversalTime();
        Ids = ids;
        Data = data;
    }

    /// <summary>See <see cref="AuditKinds"/>.</summary>
    public string Kind { get; }

    /// <summary>When it happened (UTC): the end of a provider call, the moment of an edit or deletion.</summary>
    public DateTime At { get; }

    public AuditIds Ids { get; }

    /// <summary>The record's <c>data</c> member as UTF-8 JSON.</summary>
    internal ReadOnlyMemory<byte> Data { get; }
}
