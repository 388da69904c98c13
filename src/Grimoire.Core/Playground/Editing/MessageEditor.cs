using Grimoire.Core.Access;
using Grimoire.Core.Audit;
using Grimoire.Core.Data;
using Grimoire.Core.Playground.Live;
using Grimoire.Core.Playground.Recording;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Grimoire.Core.Playground.Editing;

/// <summary>
/// Edits a stored message in place (AC6.1 user messages, AC6.2 answers). The database gets the new text and
/// <see cref="PlaygroundMessage.EditedAt"/> (the current state); the archive gets a
/// <see cref="AuditKinds.MessageEdited"/> record with the text before and after (the history, AC6.4, AC4.4).
/// Singleton.
/// </summary>
/// <remarks>
/// <para><b>Order.</b> Through <see cref="ConversationLedger"/>: the change is written inside a database transaction,
/// conditional on the text still being what was read; the archive record is appended (and flushed) while that
/// transaction is open; only then does the transaction commit. So the database never shows an edit the archive
/// lacks, and the record's "before" is exactly what the database held — a concurrent edit of the same message either
/// waits for the row or finds the text changed and is refused. If the archive refuses the record, the transaction
/// rolls back and the student is told.</para>
/// <para><b>Thinking.</b> An edited answer's thinking blocks are kept but no longer sent back to the model
/// (<see cref="ThinkingContinuity"/>): their signature covers the text as the model wrote it.</para>
/// </remarks>
public sealed class MessageEditor(
    IDbContextFactory<GrimoireDbContext> contextFactory,
    WorkspaceAccess workspaceAccess,
    ILiveTurnHub hub,
    PlaygroundLimits limits,
    PlaygroundRefusals refusals,
    ConversationLedger ledger,
    TimeProvider time,
    ILogger<MessageEditor> logger)
{
    public const string EmptyContent = "A message can't be empty. Write something, or cancel the edit.";

    public const string StillArriving = "This answer is still arriving. Stop it or wait for it to finish, then edit it.";

    public const string BeingAnswered = "This message is being answered right now. Stop the answer or wait for it to finish, then edit it.";

    public const string ChangedMeanwhile = "This message changed while you were editing it. Reload the conversation and try again.";

    public const string NotArchived = "Your edit could not be recorded in the archive, so it was not saved. Try again in a moment.";

    /// <summary>
    /// Replaces the text of the message <paramref name="messageId"/> (a question or an answer) with
    /// <paramref name="newContent"/>, as <paramref name="userId"/>. Needs editor rights on the conversation's
    /// workspace and a course that is not archived. Refused (nothing changed) for empty text, text longer than
    /// <see cref="PlaygroundOptions.MaxEditChars"/>, a message streaming
    /// or being answered right now, or a message that changed since it was read. The same text again is not an
    /// edit: <see cref="MessageEdit.Changed"/> is false and nothing is stored or archived. Watchers of the
    /// conversation are told to reload.
    /// </summary>
    public Task<MessageEdit> EditAsync(Guid userId, Guid messageId, string newContent, CancellationToken cancellationToken) =>
        EditAsync(userId, messageId, newContent, basedOn: null, cancellationToken);

    /// <summary>
    /// As above, when the editor started from <paramref name="basedOn"/> (the text and edit time shown when editing
    /// began). Several people may edit one message (issue 12 item 6): when someone saved another version since, this
    /// save is refused with <see cref="ChangedMeanwhileBy"/> naming them, nothing is changed, and the draft stays with
    /// the caller (optimistic concurrency, last writer informed; docs/crdt.md says why this suffices for now).
    /// </summary>
    public async Task<MessageEdit> EditAsync(Guid userId, Guid messageId, string newContent, EditBase? basedOn, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(newContent))
        {
            throw PlaygroundRefusedException.Invalid(EmptyContent);
        }

        if (limits.EditRefusal(newContent) is { } tooLong)
        {
            refusals.Record(RefusalReasons.EditTooLong, userId);
            throw new PlaygroundLimitException(tooLong);
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var (message, conversation) = await ConversationChangeRules.FindAsync(db, messageId, cancellationToken);
        if (message is null || conversation is null)
        {
            throw PlaygroundRefusedException.Forbidden(ConversationChangeRules.NoAccess);
        }

        if (await ConversationChangeRules.RefusalAsync(db, workspaceAccess, userId, conversation, cancellationToken) is { } refusal)
        {
            throw PlaygroundRefusedException.Forbidden(refusal);
        }

        if (StreamingRefusal(message) is { } busy)
        {
            throw PlaygroundRefusedException.Conflict(busy);
        }

        if (basedOn is not null && !basedOn.Matches(message))
        {
            throw PlaygroundRefusedException.Conflict(await ChangedMeanwhileAsync(db, message, cancellationToken));
        }

        if (string.Equals(message.Content, newContent, StringComparison.Ordinal))
        {
            return new MessageEdit(message, false);
        }

        var before = message.Content;
        var now = UtcDateTimeConverter.ToStored(time.GetUtcNow().UtcDateTime); // as stored, so what is returned equals what is read back
        var entry = AuditEntries.MessageEdited(
            AuditIds.For(conversation, userId, messageId), now, message.Role, [AuditChange.Content(before, newContent)]);
        PlaygroundMessage? edited = null;
        var written = await ledger.RecordAsync(db, async ct =>
        {
            // Holds the row for this transaction only if it is still what was read (a racing edit waits, then finds
            // the text changed): the record's "before" is exactly what the database held.
            var editedAt = message.EditedAt;
            var unchanged = await db.PlaygroundMessages
                .Where(m => m.Id == messageId && m.Content == before && m.EditedAt == editedAt && m.Status != MessageStatus.Streaming)
                .ExecuteUpdateAsync(set => set.SetProperty(m => m.Content, m => m.Content), ct);
            if (unchanged == 0)
            {
                return null;
            }

            edited = await db.PlaygroundMessages.SingleAsync(m => m.Id == messageId, ct);
            edited.Edit(newContent, now, userId);
            await db.PlaygroundConversations.Where(c => c.Id == conversation.Id)
                .ExecuteUpdateAsync(set => set.SetProperty(c => c.UpdatedAt, now), ct);
            await db.SaveChangesAsync(ct);
            return entry;
        }, cancellationToken);
        switch (written)
        {
            case LedgerWrite.Abandoned:
                await using (var fresh = await contextFactory.CreateDbContextAsync(cancellationToken))
                {
                    var current = await fresh.PlaygroundMessages.AsNoTracking().SingleOrDefaultAsync(m => m.Id == messageId, cancellationToken);
                    throw PlaygroundRefusedException.Conflict(current is null ? ChangedMeanwhile : await ChangedMeanwhileAsync(fresh, current, cancellationToken));
                }

            case LedgerWrite.NotArchived:
                throw PlaygroundRefusedException.Conflict(NotArchived);
        }

        logger.LogInformation("Message {MessageId} edited by {UserId}", messageId, userId);
        hub.NotifyChanged(conversation.Id);
        return new MessageEdit(edited!, true);
    }

    /// <summary>"Changed meanwhile by Ana Diaz" (the last editor, or who asked for the answer now there).</summary>
    public static string ChangedMeanwhileBy(string name) =>
        $"This message was changed meanwhile by {name}. Your text is still here: compare it with theirs, then save again to replace it, or cancel.";

    private static async Task<string> ChangedMeanwhileAsync(GrimoireDbContext db, PlaygroundMessage message, CancellationToken cancellationToken)
    {
        var by = message.EditedByUserId ?? message.AuthorUserId;
        var name = by is { } id
            ? await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken)
            : null;
        return name is null ? ChangedMeanwhile : ChangedMeanwhileBy(name);
    }

    /// <summary>A streaming answer cannot be edited, nor the question it is answering right now.</summary>
    private string? StreamingRefusal(PlaygroundMessage message)
    {
        var live = hub.Current(message.ConversationId);
        if (message.Status == MessageStatus.Streaming || live?.AssistantMessageId == message.Id)
        {
            return StillArriving;
        }

        return live?.UserMessageId == message.Id ? BeingAnswered : null;
    }
}
