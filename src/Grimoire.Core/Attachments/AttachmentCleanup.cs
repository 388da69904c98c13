using Grimoire.Core.Attachments.Storage;
using Grimoire.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grimoire.Core.Attachments;

/// <summary>
/// After a conversation is deleted: its attachments that no remaining message of the workspace refers to (a branch
/// keeps its copies' files) lose their rows, and a stored object goes when no row shares it any more. And files
/// uploaded in a composer but never sent go after <see cref="AttachmentOptions.PendingRetention"/>
/// (<see cref="AttachmentCleanupService"/> runs it). Singleton.
/// </summary>
public sealed class AttachmentCleanup(
    IDbContextFactory<GrimoireDbContext> contextFactory, IFileStore store, IOptions<AttachmentOptions> options, TimeProvider time,
    ILogger<AttachmentCleanup> logger)
{
    /// <summary>
    /// Deletes the attachments no message ever carried (no conversation claimed them) uploaded before
    /// now − <see cref="AttachmentOptions.PendingRetention"/>; returns how many rows went.
    /// </summary>
    public async Task<int> PendingAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow().UtcDateTime - options.Value.PendingRetention;
        List<Attachment> stale;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            stale = await db.Attachments.AsNoTracking()
                .Where(a => a.ConversationId == null && a.CreatedAt < cutoff).ToListAsync(cancellationToken);
        }

        var gone = 0;
        foreach (var workspace in stale.GroupBy(a => a.WorkspaceId))
        {
            gone += await AfterDeletionAsync(workspace.Key, workspace.Select(a => a.ToReference()), cancellationToken);
        }

        if (gone > 0)
        {
            logger.LogInformation("Deleted {Count} attachments uploaded before {Cutoff:o} and never sent", gone, cutoff);
        }

        return gone;
    }

    /// <summary>Deletes what <paramref name="deleted"/> (the deleted messages' attachments) left unreferenced; returns how many rows went.</summary>
    public async Task<int> AfterDeletionAsync(Guid workspaceId, IEnumerable<AttachmentReference> deleted, CancellationToken cancellationToken)
    {
        var candidates = deleted.Select(r => r.Id).ToHashSet();
        if (candidates.Count == 0)
        {
            return 0;
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var stillUsed = (await db.PlaygroundMessages.AsNoTracking()
                .Where(m => m.FileReferencesJson != null && m.Conversation!.WorkspaceId == workspaceId)
                .Select(m => m.FileReferencesJson).ToListAsync(cancellationToken))
            .SelectMany(AttachmentReferences.Read).Select(r => r.Id).ToHashSet();
        candidates.ExceptWith(stillUsed);
        var gone = await db.Attachments.Where(a => candidates.Contains(a.Id)).ToListAsync(cancellationToken);
        db.Attachments.RemoveRange(gone);
        await db.SaveChangesAsync(cancellationToken);

        foreach (var key in gone.Select(a => a.StorageKey).Distinct())
        {
            if (!await db.Attachments.AnyAsync(a => a.StorageKey == key, cancellationToken))
            {
                await store.DeleteAsync(key, cancellationToken);
                await store.DeleteAsync(key + ".txt", cancellationToken);
            }
        }

        return gone.Count;
    }
}
