using System.Diagnostics.Metrics;
using Grimoire.Core.Audit;
using Grimoire.Core.Audit.Anchors;
using Grimoire.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Grimoire.Core.Playground.Recording;

/// <summary>
/// The one place where "the archive record is written before the database shows a state" is kept (AC4.4, X5, issue
/// 16 item 1; docs/decisions/0001). Every change to the conversations' history goes through <see cref="RecordAsync"/>:
/// a turn's end (<see cref="Turns.TurnExecution"/>), the start-up sweep (<see cref="Turns.InterruptedTurnSweep"/>),
/// an edit, a regeneration, a branch and a deletion. Singleton.
/// </summary>
/// <remarks>
/// <para><b>Order.</b> A database transaction opens; the change is written inside it (so it can still find the data
/// changed and decline, and its record describes exactly what the transaction holds); the record is appended and
/// flushed; only then do the archive's anchor and the change commit together. So the database never shows a state
/// the archive lacks. If the archive refuses the record, the transaction rolls back and the caller is told
/// (<see cref="LedgerWrite.NotArchived"/>): the rows stay as they were. The one gap runs the other way — the commit
/// fails after the record is on disk — and leaves an extra line in the archive, never a missing one.</para>
/// <para><b>Cancellation.</b> The change runs with the caller's token; once the append is reached nothing is
/// cancelled any more (a queued record is written anyway, so its commit must follow).</para>
/// <para><b>Locks.</b> The transaction stays open over one archive append. On PostgreSQL that holds the changed rows;
/// on SQLite (one writer) it holds the database, so concurrent changes take turns at the archive's flush.</para>
/// <para><b>Metrics.</b> <c>grimoire.ledger.writes</c> on the <c>Grimoire</c> meter, tagged with the record's
/// <c>kind</c> and the <c>outcome</c> (<c>committed</c>, <c>abandoned</c>, <c>not_archived</c>): an operator alerts on
/// the last, which means the archive's disk refuses writes and students are being told their changes were not saved.</para>
/// </remarks>
public sealed class ConversationLedger
{
    public const string WritesInstrument = "grimoire.ledger.writes";

    private readonly AuditArchive audit;
    private readonly AuditAnchorStore anchors;
    private readonly ILogger<ConversationLedger> logger;
    private readonly Counter<long> writes;

    public ConversationLedger(AuditArchive audit, AuditAnchorStore anchors, IMeterFactory meterFactory, ILogger<ConversationLedger> logger)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        (this.audit, this.anchors, this.logger) = (audit, anchors, logger);
        Meter = meterFactory.Create(PlaygroundRefusals.MeterName);
        writes = Meter.CreateCounter<long>(WritesInstrument, "{write}",
            "Changes to conversation history offered to the ledger, by record kind and outcome.");
    }

    /// <summary>The shared <c>Grimoire</c> meter.</summary>
    public Meter Meter { get; }

    /// <summary>
    /// Runs <paramref name="change"/> in a transaction on <paramref name="db"/>. It writes its rows (SaveChanges or
    /// ExecuteUpdate) and returns the record that describes them, or null to decline (the transaction rolls back).
    /// The record is appended, then the change commits with the anchor. On <see cref="LedgerWrite.NotArchived"/> the
    /// context's tracked entities no longer match the database and are detached.
    /// </summary>
    public async Task<LedgerWrite> RecordAsync(
        GrimoireDbContext db, Func<CancellationToken, Task<AuditEntry?>> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(change);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await change(cancellationToken) is not { } entry)
        {
            writes.Add(1, new KeyValuePair<string, object?>("kind", "none"), new KeyValuePair<string, object?>("outcome", "abandoned"));
            return LedgerWrite.Abandoned; // disposing the transaction rolls it back
        }

        AuditReceipt receipt;
        try
        {
            receipt = await audit.AppendAsync(entry, CancellationToken.None);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            logger.LogError(ex, "The archive refused a {Kind} record (conversation {ConversationId}, message {MessageId}); the change was rolled back",
                entry.Kind, entry.Ids.ConversationId, entry.Ids.MessageId);
            await transaction.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            Count(entry, "not_archived");
            return LedgerWrite.NotArchived;
        }

        // The record is on disk: the anchor and the commit follow it even if the caller has gone.
        await anchors.AdvanceAsync(db, receipt, CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        Count(entry, "committed");
        return LedgerWrite.Committed;
    }

    private void Count(AuditEntry entry, string outcome) =>
        writes.Add(1, new KeyValuePair<string, object?>("kind", entry.Kind), new KeyValuePair<string, object?>("outcome", outcome));
}
