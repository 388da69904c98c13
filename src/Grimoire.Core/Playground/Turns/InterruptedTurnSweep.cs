using Grimoire.Core.Audit;
using Grimoire.Core.Data;
using Grimoire.Core.Playground.Recording;
using Grimoire.Core.Usage;
using Grimoire.Llm.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Grimoire.Core.Playground.Turns;

/// <summary>
/// At start-up, finds the answers a previous process left streaming (it stopped without their final write, or the
/// archive refused that write's record) and marks them interrupted, keeping what arrived (issue 17 item 10, AC4.4).
/// Each goes through <see cref="ConversationLedger"/>: its <see cref="AuditKinds.TurnInterrupted"/> record, with its
/// text and thinking as last checkpointed, is on disk before the database shows it interrupted; an answer the archive
/// refuses stays as it was, to be tried at the next start. Each also gets its usage row (<see cref="InterruptedUsage"/>:
/// status interrupted, tokens and cost as stored or estimated, the cost's source stated) in the same save (X1).
/// Single-node assumption: with several nodes this needs a per-node lease (docs/architecture.md). Singleton.
/// </summary>
public sealed class InterruptedTurnSweep(
    IDbContextFactory<GrimoireDbContext> contextFactory,
    ConversationLedger ledger,
    ITokenCounter tokenCounter,
    TimeProvider time,
    ILogger<InterruptedTurnSweep> logger)
{
    public const string InterruptedMessage =
        "The server stopped while this answer was streaming. What arrived before that is kept.";

    /// <summary>Archives, then marks interrupted, every answer left streaming; returns how many were marked.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        List<Guid> left;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            left = await db.PlaygroundMessages.AsNoTracking()
                .Where(m => m.Status == MessageStatus.Streaming).OrderBy(m => m.CreatedAt).Select(m => m.Id).ToListAsync(cancellationToken);
        }

        if (left.Count == 0)
        {
            return 0;
        }

        var marked = 0;
        foreach (var id in left)
        {
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            if (await ledger.RecordAsync(db, ct => MarkAsync(db, id, ct), cancellationToken) == LedgerWrite.Committed)
            {
                marked++;
            }
        }

        logger.LogWarning("Marked {Count} answer(s) interrupted by the previous shutdown ({Refused} refused by the archive or changed meanwhile, left as they were)",
            marked, left.Count - marked);
        return marked;
    }

    /// <summary>Marks one answer interrupted in the open transaction and returns its record; null if it no longer streams.</summary>
    private async Task<AuditEntry?> MarkAsync(GrimoireDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var turn = await db.PlaygroundMessages
            .Where(m => m.Id == id && m.Status == MessageStatus.Streaming)
            .Select(m => new
            {
                Answer = m,
                m.Conversation!.CourseId,
                m.Conversation.WorkspaceId,
                QuestionId = db.PlaygroundMessages
                    .Where(q => q.ConversationId == m.ConversationId && q.Sequence < m.Sequence && q.Role == MessageRole.User)
                    .OrderByDescending(q => q.Sequence).Select(q => (Guid?)q.Id).FirstOrDefault(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (turn is null)
        {
            return null;
        }

        var answer = turn.Answer;
        var now = UtcDateTimeConverter.ToStored(time.GetUtcNow().UtcDateTime);
        var ids = new AuditIds(answer.AuthorUserId, turn.CourseId, turn.WorkspaceId, answer.ConversationId, answer.Id, answer.ModelConfigId);
        var entry = AuditEntries.TurnInterrupted(
            ids, now, AuditMessageSnapshot.From(answer), turn.QuestionId, answer.Provider, MessageStatus.Interrupted, InterruptedMessage);
        answer.MarkInterrupted(InterruptedMessage);
        var model = answer.ModelConfigId is { } modelId ? await db.CourseModelConfigs.AsNoTracking().SingleOrDefaultAsync(m => m.Id == modelId, cancellationToken) : null;
        var history = await db.PlaygroundMessages.AsNoTracking()
            .Where(m => m.ConversationId == answer.ConversationId && m.Sequence < answer.Sequence).Select(m => m.Content).ToListAsync(cancellationToken);
        if (InterruptedUsage.From(answer, turn.CourseId, model, history, now, tokenCounter) is { } usage)
        {
            db.UsageRecords.Add(usage);
        }

        await db.SaveChangesAsync(cancellationToken);
        return entry;
    }
}
