using System.Text;
using Grimoire.Core.Attachments.Reading;
using Grimoire.Core.Attachments.Storage;
using Grimoire.Core.Data;
using Grimoire.Llm.Wire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace Grimoire.Core.Attachments;

/// <summary>
/// What the model gets for each attached file (AC7.4): an image as base64 data, re-encoded no larger than
/// <see cref="AttachmentOptions.MaxImageEdge"/> (EXIF/GPS gone) — or a note when the model takes no images; a text
/// file in its detected encoding, and a PDF's extracted text, as a delimited text part with the file name. Built
/// from the store on every turn, so later turns and regenerations carry the same files. Singleton.
/// </summary>
public sealed class AttachmentContents(IDbContextFactory<GrimoireDbContext> contextFactory, IFileStore store, IOptions<AttachmentOptions> options)
{
    /// <summary>The content parts for every file referred to by <paramref name="references"/>, by attachment id.</summary>
    public async Task<IReadOnlyDictionary<Guid, AIContent>> LoadAsync(
        IEnumerable<AttachmentReference> references, bool vision, CancellationToken cancellationToken)
    {
        var wanted = references.Select(r => r.Id).Distinct().ToList();
        if (wanted.Count == 0)
        {
            return new Dictionary<Guid, AIContent>();
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Attachments.AsNoTracking().Where(a => wanted.Contains(a.Id)).ToListAsync(cancellationToken);
        var parts = new Dictionary<Guid, AIContent>();
        foreach (var row in rows)
        {
            parts[row.Id] = await PartAsync(row, vision, cancellationToken);
        }

        return parts;
    }

    private async Task<AIContent> PartAsync(Attachment row, bool vision, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        if (row.Kind == AttachmentKind.Image && !vision)
        {
            return new TextContent(AttachedText.Format(row.FileName, row.MediaType, row.Size, "(an image; this model takes no images, so it was not sent)"));
        }

        var key = row.Kind == AttachmentKind.Pdf ? row.StorageKey + ".txt" : row.StorageKey;
        await using var stored = await store.OpenReadAsync(key, cancellationToken);
        if (stored is null)
        {
            return new TextContent(AttachedText.Format(row.FileName, row.MediaType, row.Size, "(this file is no longer in the workspace's store)"));
        }

        if (row.Kind == AttachmentKind.Image)
        {
            var image = ImageReading.Reencode(stored, row.MediaType, limits.MaxImageEdge);
            return image is { } i
                ? new DataContent(i.Bytes, i.MediaType)
                {
                    Name = row.FileName,
                    AdditionalProperties = new() { [AttachmentTokens.WidthProperty] = i.Width, [AttachmentTokens.HeightProperty] = i.Height },
                }
                : new TextContent(AttachedText.Format(row.FileName, row.MediaType, row.Size, "(this image could not be read)"));
        }

        var text = await ReadTextAsync(stored, limits.MaxTextChars, cancellationToken);
        return new TextContent(AttachedText.Format(row.FileName, row.MediaType, row.Size, text));
    }

    private static async Task<string> ReadTextAsync(Stream stored, int maxChars, CancellationToken cancellationToken)
    {
        var head = new byte[ContentSniffer.HeadBytes];
        var read = await stored.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        var encoding = ContentSniffer.DetectEncoding(head.AsSpan(0, read)) ?? Encoding.UTF8;
        stored.Position = 0;
        using var reader = new StreamReader(stored, encoding, detectEncodingFromByteOrderMarks: true);
        var buffer = new char[maxChars + 1];
        var count = await reader.ReadBlockAsync(buffer.AsMemory(), cancellationToken);
        return count <= maxChars
            ? new string(buffer, 0, count)
            : new string(buffer, 0, maxChars) + "\n[… cut here: the file is longer than the course allows to send]";
    }
}
