using Grimoire.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Grimoire.Core.Audit.Anchors;

/// <summary>
/// Keeps each node's anchor (<see cref="AuditAnchor"/>) in the database. Whoever appends a record and then changes
/// the database calls <see cref="AdvanceAsync(GrimoireDbContext, AuditReceipt?, CancellationToken)"/> on the same
/// context, inside the same transaction, as the last statement before the commit: the anchor then moves exactly
/// when the state it archives becomes visible, and the row lock it takes is held only until that commit.
/// Singleton.
/// </summary>
public sealed class AuditAnchorStore(AuditAnchorSigner signer, TimeProvider time)
{
    internal const string Table = "AuditAnchors";

    // One statement, the same on SQLite (3.24+) and PostgreSQL: insert the node's first anchor, or move it forward.
    // Never backwards: two transactions that commit out of order leave the higher record number.
    private const string Upsert = """
        INSERT INTO "AuditAnchors" ("Id", "NodeId", "Sequence", "Hash", "KeyId", "Signature", "AnchoredAt")
        VALUES ({0}, {1}, {2}, {3}, {4}, {5}, {6})
        ON CONFLICT ("NodeId") DO UPDATE SET
            "Sequence" = excluded."Sequence", "Hash" = excluded."Hash", "KeyId" = excluded."KeyId",
            "Signature" = excluded."Signature", "AnchoredAt" = excluded."AnchoredAt"
        """;

    private const string OnlyForward = """
         WHERE "AuditAnchors"."Sequence" < excluded."Sequence"
        """;

    /// <summary>
    /// Moves the anchor of <paramref name="receipt"/>'s node to it, unless the database already saw a later record
    /// of that node. Does nothing for a null receipt (the archive refused the record). Runs in
    /// <paramref name="db"/>'s current transaction, if any.
    /// </summary>
    public async Task AdvanceAsync(GrimoireDbContext db, AuditReceipt? receipt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (receipt is not null)
        {
            await WriteAsync(db, receipt, Upsert + OnlyForward, cancellationToken);
        }
    }

    /// <summary>Moves each node's anchor to the latest of <paramref name="receipts"/> (see the single-receipt overload).</summary>
    public async Task AdvanceAsync(GrimoireDbContext db, IEnumerable<AuditReceipt> receipts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(receipts);
        foreach (var latest in receipts.GroupBy(r => r.NodeId, StringComparer.Ordinal).Select(g => g.MaxBy(r => r.Sequence)))
        {
            await AdvanceAsync(db, latest, cancellationToken);
        }
    }

    /// <summary>
    /// Sets the anchor to <paramref name="receipt"/> even if it is lower: only for an operator's explicit acceptance
    /// of a broken chain (<see cref="AuditOptions.AcceptBrokenAnchor"/>), whose own record that receipt is.
    /// </summary>
    internal Task ResetAsync(GrimoireDbContext db, AuditReceipt receipt, CancellationToken cancellationToken) =>
        WriteAsync(db, receipt, Upsert, cancellationToken);

    /// <summary>Every node's anchor, by node.</summary>
    public static async Task<IReadOnlyList<AuditAnchor>> ListAsync(GrimoireDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.AuditAnchors.AsNoTracking().OrderBy(a => a.NodeId).ToListAsync(cancellationToken);
    }

    private async Task WriteAsync(GrimoireDbContext db, AuditReceipt receipt, string sql, CancellationToken cancellationToken)
    {
        var (keyId, signature) = signer.Sign(receipt);
        var now = UtcDateTimeConverter.ToStored(time.GetUtcNow().UtcDateTime);
        await db.Database.ExecuteSqlRawAsync(
            sql, [Guid.CreateVersion7(), receipt.NodeId, receipt.Sequence, receipt.Hash, keyId, signature, now], cancellationToken);
    }
}
