using Grimoire.Core.Access;
using Grimoire.Core.Audit;
using Grimoire.Core.Data;
using Grimoire.Core.Playground.Recording;
using Grimoire.Core.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Grimoire.Core.Playground;

/// <summary>
/// Deletes a conversation with its messages, archive first (issue 17 item 10, AC4.4): the rows go through
/// <see cref="ConversationLedger"/>, whose transaction commits only after the <see cref="AuditKinds.ConversationDeleted"/>
/// record is on disk. The archive is append-only: it keeps every message it recorded; the
/// record says which were deleted. Singleton.
/// </summary>
public sealed class ConversationDeletions(
    IDbContextFactory<GrimoireDbContext> contextFactory,
    WorkspaceAccess workspaceAccess,
    ConversationLedger ledger,
    TimeProvider time,
    Attachments.AttachmentCleanup attachmentCleanup,
    ILogger<ConversationDeletions> logger)
{
    public const string NotArchived = "The deletion could not be recorded in the archive, so nothing was deleted. Try again in a moment.";

    /// <summary>
    /// Deletes <paramref name="conversationId"/> as <paramref name="userId"/>, who must own its workspace (else
    /// <see cref="PlaygroundAccessDeniedException"/>). Refused (<see cref="PlaygroundRefusedException"/>), with nothing
    /// deleted, when the archive cannot take the record.
    /// </summary>
    public async Task DeleteAsync(Guid userId, Guid conversationId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var conversation = await db.PlaygroundConversations.SingleOrDefaultAsync(c => c.Id == conversationId, cancellationToken);
        if (conversation is null || await workspaceAccess.GetPermissionAsync(userId, conversation.WorkspaceId, cancellationToken) is not { } permission)
        {
            throw PlaygroundAccessDeniedException.ConversationGone(); // deleted meanwhile, or never theirs: alike
        }

        if (permission < WorkspacePermission.Owner)
        {
            throw new PlaygroundAccessDeniedException();
        }

        var messages = await db.PlaygroundMessages.AsNoTracking()
            .Where(m => m.ConversationId == conversationId).OrderBy(m => m.Sequence).ToListAsync(cancellationToken);
        var branches = await db.PlaygroundConversations.AsNoTracking()
            .Where(c => c.ForkedFromConversationId == conversationId).Select(c => c.Id).ToListAsync(cancellationToken);
        var now = UtcDateTimeConverter.ToStored(time.GetUtcNow().UtcDateTime);

        var entry = AuditEntries.ConversationDeleted(
            AuditIds.For(conversation, userId), now, conversation.Title, [.. messages.Select(AuditMessageSnapshot.From)], branches);
        var written = await ledger.RecordAsync(db, async ct =>
        {
            db.PlaygroundConversations.Remove(conversation); // its messages go with it (cascade)
            await db.SaveChangesAsync(ct);
            return entry;
        }, cancellationToken);
        if (written != LedgerWrite.Committed)
        {
            throw PlaygroundRefusedException.Conflict(NotArchived);
        }

        // Files no other message refers to go too (AC7.6); the archive keeps their hashes, never their bytes.
        var files = await attachmentCleanup.AfterDeletionAsync(
            conversation.WorkspaceId, messages.SelectMany(m => Attachments.AttachmentReferences.Read(m.FileReferencesJson)), CancellationToken.None);
        logger.LogInformation("Conversation {ConversationId} deleted by {UserId} ({Count} message(s), {Files} file(s))",
            conversationId, userId, messages.Count, files);
    }
}
