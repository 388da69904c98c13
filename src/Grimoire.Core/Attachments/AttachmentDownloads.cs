using Grimoire.Core.Access;
using Grimoire.Core.Attachments.Storage;
using Grimoire.Core.Data;
using Grimoire.Core.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace Grimoire.Core.Attachments;

/// <summary>An attachment's bytes, to stream to the person allowed to read them.</summary>
public sealed record AttachmentDownload(Stream Content, string FileName, string MediaType, long Size);

/// <summary>
/// Opens a file for download, checking on every request that the person may read its workspace (owner, editor,
/// viewer, or staff of its course, AC8.6, AC2.6). Anyone else — another student, another course's staff, a stranger —
/// gets null, the same as for a file that does not exist. Singleton.
/// </summary>
public sealed class AttachmentDownloads(IDbContextFactory<GrimoireDbContext> contextFactory, WorkspaceAccess workspaceAccess, IFileStore store)
{
    public async Task<AttachmentDownload?> OpenAsync(Guid? userId, Guid attachmentId, CancellationToken cancellationToken)
    {
        if (userId is not { } user)
        {
            return null;
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var attachment = await db.Attachments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == attachmentId, cancellationToken);
        if (attachment is null || !await workspaceAccess.HasPermissionAsync(user, attachment.WorkspaceId, WorkspacePermission.Viewer, cancellationToken))
        {
            return null;
        }

        var content = await store.OpenReadAsync(attachment.StorageKey, cancellationToken);
        return content is null ? null : new AttachmentDownload(content, attachment.FileName, attachment.MediaType, attachment.Size);
    }
}
