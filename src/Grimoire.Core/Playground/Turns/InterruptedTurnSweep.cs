using Grimoire.Core.Audit;
using Grimoire.Core.Audit.Anchors;
using Grimoire.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Grimoire.Core.Playground.Turns;

/// <summary>
/// At start-up, finds the answers a previous process left streaming (it stopped without their final write) and marks
/// them interrupted, keeping what arrived (issue 17 item 10, AC4.4). Archive first: each answer's
/// <see cref="AuditKinds.TurnInterrupted"/> record, with its text and thinking as last checkpointed, is on disk before
/// the database shows it interrupted; an answer the archive refuses stays as it was, to be tried at the next start.
/// Single-node assumption: with several nodes this needs a per-node lease (docs/architecture.md). Singleton.
/// </summary>
public sealed class InterruptedTurnSweep(
    IDbContextFactory<GrimoireDbContext> contextFactory,
    AuditArchive audit,
    AuditAnchorStore anchors,
    TimeProvider time,
    ILogger<InterruptedTurnSweep> logger)
{
    public const string InterruptedMessage =
        "The server stopped while this answer was streaming. What arrived before that is kept.";

    /// <summary>Archives, then marks interrupted, every answer left streaming; returns how many were marked.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var left = await db.PlaygroundMessages.AsNoTracking()
            .Where(m => m.Status == MessageStatus.Streaming)
            .Select(m => new
            {
                Answer = m,
                m.Conversation!.CourseId,
                m.Conversation.WorkspaceId,
                QuestionId = db.PlaygroundMessages
                    .Where(q => q.ConversationId == m.ConversationId && q.Sequence < m.Sequence && q.Role == MessageRole.User)
                    .OrderByDescending(q => q.Sequence).Select(q => (Guid?)q.Id).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        if (left.Count == 0)
        {
            return 0;
        }

        var now = UtcDateTimeConverter.ToStored(time.GetUtcNow().UtcDateTime);
        var archived = new List<(Guid Id, AuditReceipt Receipt)>(left.Count);
        foreach (var turn in left)
        {
            var answer = turn.Answer;
            var ids = new AuditIds(answer.AuthorUserId, turn.CourseId, turn.WorkspaceId, answer.ConversationId, answer.Id, answer.ModelConfigId);
            var entry = AuditEntries.TurnInterrupted(
                ids, now, AuditMessageSnapshot.From(answer), turn.QuestionId, answer.Provider, MessageStatus.Interrupted, InterruptedMessage);
            try
            {
                // Not cancellable once queued: the database update must follow a record that is on disk.
                archived.Add((answer.Id, await audit.AppendAsync(entry, CancellationToken.None)));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                logger.LogError(ex, "Could not archive answer {MessageId}, left streaming by the previous process; it stays as it was until the next start", answer.Id);
            }
        }

        var count = await MarkAsync(db, archived);
        logger.LogWarning("Marked {Count} answer(s) interrupted by the previous shutdown ({Archived} archived first, {Refused} refused by the archive and left as they were)",
            count, archived.Count, left.Count - archived.Count);
        return count;
    }

    private async Task<int> MarkAsync(GrimoireDbContext db, List<(Guid Id, AuditReceipt Receipt)> archived)
    {
        if (archived.Count == 0)
        {
            return 0;
        }

        var ids = archived.Select(a => a.Id).ToList();
        // The records are on disk: the update and the anchor commit together, even if start-up is being cancelled.
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        var count = await db.PlaygroundMessages
            .Where(m => ids.Contains(m.Id) && m.Status == MessageStatus.Streaming)
            .ExecuteUpdateAsync(
                set => set.SetProperty(m => m.Status, MessageStatus.Interrupted).SetProperty(m => m.ErrorText, InterruptedMessage),
                CancellationToken.None);
        await anchors.AdvanceAsync(db, archived.Select(a => a.Receipt), CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        return count;
    }
}
