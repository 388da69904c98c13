using System.Globalization;
using System.Text;
using Grimoire.Core.Access;
using Grimoire.Core.Attachments.Reading;
using Grimoire.Core.Attachments.Storage;
using Grimoire.Core.Data;
using Grimoire.Core.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grimoire.Core.Attachments;

/// <summary>An upload's outcome: the stored file, or why it was refused (said on its chip).</summary>
public sealed record AttachmentUpload(AttachmentReference? Reference, string? Refusal)
{
    public static AttachmentUpload Refused(string reason) => new(null, reason);
}

/// <summary>
/// Takes a file into a workspace's store (AC7.6): streamed to the store while hashed and counted (stopped at the
/// per-file limit, never held whole in memory), typed by its content, checked (an image must decode, a PDF must have
/// text within the page and time limits; its text is kept beside it), deduplicated by hash within the workspace, and
/// counted against the workspace's limit. Only an editor of the workspace may upload. Singleton.
/// </summary>
public sealed class AttachmentUploads(
    IDbContextFactory<GrimoireDbContext> contextFactory,
    WorkspaceAccess workspaceAccess,
    IFileStore store,
    IOptions<AttachmentOptions> options,
    AttachmentMetrics metrics,
    TimeProvider time,
    ILogger<AttachmentUploads> logger)
{
    public const string NoAccess = "You can't add files to this workspace.";

    public const string UnknownType = "This kind of file can't be attached: images (PNG, JPEG, GIF, WebP), PDFs and text files (code, CSV, Markdown, JSON) can.";

    public const string BadImage = "This image could not be read.";

    public static string FileTooLarge(long max) => string.Create(CultureInfo.InvariantCulture, $"This file is larger than {Sizes.Format(max)}.");

    public static string WorkspaceFull(long max) => string.Create(CultureInfo.InvariantCulture, $"This workspace's files would pass {Sizes.Format(max)}. Delete conversations with files you no longer need.");

    public async Task<AttachmentUpload> UploadAsync(
        Guid userId, Guid workspaceId, string fileName, long? declaredSize, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var limits = options.Value;
        if (!await workspaceAccess.HasPermissionAsync(userId, workspaceId, WorkspacePermission.Editor, cancellationToken))
        {
            return Refuse(AttachmentRefusalReasons.NoAccess, NoAccess);
        }

        if (declaredSize > limits.MaxFileBytes)
        {
            return Refuse(AttachmentRefusalReasons.FileTooLarge, FileTooLarge(limits.MaxFileBytes));
        }

        var attachment = new Attachment
        {
            WorkspaceId = workspaceId, UploadedByUserId = userId, CreatedAt = time.GetUtcNow().UtcDateTime,
            FileName = CleanName(fileName),
        };
        attachment.StorageKey = $"{workspaceId:N}/{attachment.Id:N}";
        using var counted = new HashingLimitStream(content, limits.MaxFileBytes);
        try
        {
            await store.WriteAsync(attachment.StorageKey, counted, cancellationToken);
        }
        catch (FileTooLargeException)
        {
            return Refuse(AttachmentRefusalReasons.FileTooLarge, FileTooLarge(limits.MaxFileBytes));
        }

        attachment.Size = counted.Count;
        attachment.Sha256 = counted.HashHex();
        var refusal = await CheckContentAsync(attachment, counted.Head.ToArray(), limits, cancellationToken);
        if (refusal is not null)
        {
            await DeleteStoredAsync(attachment.StorageKey, cancellationToken);
            return Refuse(refusal.Value.Reason, refusal.Value.Sentence);
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var twin = await db.Attachments.AsNoTracking()
            .Where(a => a.WorkspaceId == workspaceId && a.Sha256 == attachment.Sha256)
            .Select(a => a.StorageKey).FirstOrDefaultAsync(cancellationToken);
        if (twin is null)
        {
            var used = await db.Attachments.Where(a => a.WorkspaceId == workspaceId)
                .GroupBy(a => a.StorageKey).Select(g => g.Max(a => a.Size)).SumAsync(cancellationToken);
            if (used + attachment.Size > limits.MaxWorkspaceBytes)
            {
                await DeleteStoredAsync(attachment.StorageKey, cancellationToken);
                return Refuse(AttachmentRefusalReasons.WorkspaceFull, WorkspaceFull(limits.MaxWorkspaceBytes));
            }
        }
        else
        {
            await DeleteStoredAsync(attachment.StorageKey, cancellationToken); // same bytes already stored: share them
            attachment.StorageKey = twin;
        }

        db.Attachments.Add(attachment);
        await db.SaveChangesAsync(cancellationToken);
        if (twin is null)
        {
            metrics.Stored(attachment.Size);
        }

        logger.LogInformation("Attachment {AttachmentId} ({Kind}, {Size} bytes) stored in workspace {WorkspaceId}",
            attachment.Id, attachment.Kind, attachment.Size, workspaceId);
        logger.LogDebug("Attachment {AttachmentId} is named {FileName}", attachment.Id, attachment.FileName);
        return new AttachmentUpload(attachment.ToReference(), null);
    }

    private async Task<(string Reason, string Sentence)?> CheckContentAsync(
        Attachment attachment, byte[] head, AttachmentOptions limits, CancellationToken cancellationToken)
    {
        if (ContentSniffer.Sniff(head, attachment.FileName) is not { } type)
        {
            return (AttachmentRefusalReasons.UnknownType, UnknownType);
        }

        attachment.Kind = type.Kind;
        attachment.MediaType = type.MediaType;
        if (type.Kind == AttachmentKind.Text)
        {
            return null;
        }

        await using var stored = await store.OpenReadAsync(attachment.StorageKey, cancellationToken)
            ?? throw new InvalidOperationException("The file just stored is gone.");
        if (type.Kind == AttachmentKind.Image)
        {
            if (ImageReading.Dimensions(stored) is not { } size)
            {
                return (AttachmentRefusalReasons.BadImage, BadImage);
            }

            (attachment.Width, attachment.Height) = size;
            return null;
        }

        var (text, refusal) = await PdfReading.ExtractAsync(stored, limits.MaxPdfPages, limits.PdfTimeout, cancellationToken);
        if (refusal is not null)
        {
            return (AttachmentRefusalReasons.BadPdf, refusal);
        }

        await store.WriteAsync(attachment.StorageKey + ".txt", new MemoryStream(Encoding.UTF8.GetBytes(text!)), cancellationToken);
        return null;
    }

    private async Task DeleteStoredAsync(string key, CancellationToken cancellationToken)
    {
        await store.DeleteAsync(key, cancellationToken);
        await store.DeleteAsync(key + ".txt", cancellationToken);
    }

    private AttachmentUpload Refuse(string reason, string sentence)
    {
        metrics.Refused(reason);
        logger.LogInformation("Attachment refused: {Reason}", reason);
        return AttachmentUpload.Refused(sentence);
    }

    /// <summary>Only the last path segment, no control characters, at most 200 characters; never used as a path.</summary>
    internal static string CleanName(string fileName)
    {
        var name = Path.GetFileName((fileName ?? "").Replace('\\', '/'));
        name = new string([.. name.Where(c => !char.IsControl(c))]).Trim();
        if (name.Length == 0)
        {
            return "file";
        }

        return name.Length <= 200 ? name : name[..200];
    }
}

/// <summary>Byte counts in words for people.</summary>
public static class Sizes
{
    public static string Format(long bytes) => bytes switch
    {
        < 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MB"),
    };
}
