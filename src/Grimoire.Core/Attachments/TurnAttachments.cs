using Grimoire.Core.Courses;
using Grimoire.Core.Data;
using Grimoire.Core.Playground;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Grimoire.Core.Attachments;

/// <summary>
/// The files of a new question, checked before anything is stored: each uploaded by the student into the
/// conversation's workspace, no more than <see cref="AttachmentOptions.MaxFilesPerMessage"/> and
/// <see cref="AttachmentOptions.MaxMessageBytes"/> together, and the model able to take them (AC7.5: images need a
/// vision model; PDFs and text need one that takes files or, sent as text, any model that takes images or files).
/// </summary>
public sealed class TurnAttachments(IOptions<AttachmentOptions> options, AttachmentMetrics metrics)
{
    public const string NotYours = "One of the files is not in this workspace any more. Remove it and attach it again.";

    public const string ModelTakesNone = "This model accepts no files or images. Remove the files, or pick a model that takes them.";

    public const string ModelTakesImagesOnly = "This model accepts images only. Remove the other files, or pick a model that takes files.";

    public const string ModelTakesNoImages = "This model accepts no images. Remove the images, or pick a vision model.";

    public async Task<(IReadOnlyList<AttachmentReference> Files, string? Refusal)> ForQuestionAsync(
        GrimoireDbContext db, Guid userId, PlaygroundConversation conversation, CourseModelConfig model,
        IReadOnlyList<Guid> attachmentIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(attachmentIds);
        var ids = attachmentIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            return ([], null);
        }

        var limits = options.Value;
        if (ids.Count > limits.MaxFilesPerMessage)
        {
            return Refuse(AttachmentRefusalReasons.TooManyFiles, $"At most {limits.MaxFilesPerMessage} files can go on one message.");
        }

        var rows = await db.Attachments.AsNoTracking()
            .Where(a => ids.Contains(a.Id) && a.WorkspaceId == conversation.WorkspaceId && a.UploadedByUserId == userId)
            .ToListAsync(cancellationToken);
        if (rows.Count != ids.Count)
        {
            return Refuse(AttachmentRefusalReasons.NoAccess, NotYours);
        }

        if (rows.Sum(a => a.Size) > limits.MaxMessageBytes)
        {
            return Refuse(AttachmentRefusalReasons.MessageTooLarge, $"These files together are larger than {Sizes.Format(limits.MaxMessageBytes)}, the most one message can carry.");
        }

        var images = rows.Any(a => a.Kind == AttachmentKind.Image);
        var others = rows.Any(a => a.Kind != AttachmentKind.Image);
        var capability = (model.SupportsVision, model.SupportsFiles) switch
        {
            (false, false) => ModelTakesNone,
            (true, false) when others => ModelTakesImagesOnly,
            (false, true) when images => ModelTakesNoImages,
            _ => null,
        };
        if (capability is not null)
        {
            return Refuse(AttachmentRefusalReasons.ModelTakesNoFiles, capability);
        }

        return ([.. ids.Select(id => rows.Single(a => a.Id == id).ToReference())], null);
    }

    /// <summary>Marks the files as carried by a message of <paramref name="conversationId"/> (the first one to carry them).</summary>
    public static async Task ClaimAsync(GrimoireDbContext db, Guid conversationId, IReadOnlyList<AttachmentReference> files, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(files);
        var ids = files.Select(f => f.Id).ToList();
        if (ids.Count == 0)
        {
            return;
        }

        foreach (var row in await db.Attachments.Where(a => ids.Contains(a.Id) && a.ConversationId == null).ToListAsync(cancellationToken))
        {
            row.ConversationId = conversationId;
        }
    }

    private (IReadOnlyList<AttachmentReference>, string?) Refuse(string reason, string sentence)
    {
        metrics.Refused(reason);
        return ([], sentence);
    }
}
