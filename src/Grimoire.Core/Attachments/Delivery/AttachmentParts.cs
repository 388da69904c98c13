using System.Text;
using Grimoire.Core.Attachments.Reading;
using Grimoire.Core.Attachments.Storage;
using Grimoire.Llm.Wire;
using Microsoft.Extensions.AI;

namespace Grimoire.Core.Attachments.Delivery;

/// <summary>
/// The content part the model gets for one stored file (AC7.4): an image as base64 data, re-encoded no larger than
/// <see cref="AttachmentOptions.MaxImageEdge"/> (EXIF/GPS gone), or a note when the model takes no images; a PDF as
/// the file itself where the model takes it natively (<see cref="AttachmentDelivery.NativePdf"/>), else its
/// extracted text; a text file in its detected encoding. Text goes as one delimited part with the file name
/// (<see cref="AttachedText"/>).
/// </summary>
public static class AttachmentParts
{
    public const string Gone = "(this file is no longer in the workspace's store)";

    public const string ImageNotSent = "(an image; this model takes no images, so it was not sent)";

    public const string ImageUnreadable = "(this image could not be read)";

    public const string CutNote = "\n[… cut here: the file is longer than the course allows to send]";

    public static async Task<AIContent> BuildAsync(
        Attachment row, IFileStore store, AttachmentOptions limits, AttachmentDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(limits);
        if (row.Kind == AttachmentKind.Image && !delivery.Images)
        {
            return Note(row, ImageNotSent);
        }

        var nativePdf = row.Kind == AttachmentKind.Pdf && delivery.NativePdf;
        var key = row.Kind == AttachmentKind.Pdf && !nativePdf ? row.StorageKey + ".txt" : row.StorageKey;
        await using var stored = await store.OpenReadAsync(key, cancellationToken);
        if (stored is null)
        {
            return Note(row, Gone);
        }

        if (row.Kind == AttachmentKind.Image)
        {
            var image = ImageReading.Reencode(stored, row.MediaType, limits.MaxImageEdge);
            return image is { } i
                ? new DataContent(i.Bytes, i.MediaType)
                {
                    Name = row.FileName,
                    // For the pre-flight estimate (AttachmentTokens); never written to the wire.
                    AdditionalProperties = new() { [AttachmentTokens.WidthProperty] = i.Width, [AttachmentTokens.HeightProperty] = i.Height },
                }
                : Note(row, ImageUnreadable);
        }

        if (nativePdf)
        {
            using var copy = new MemoryStream(checked((int)Math.Max(row.Size, 0)));
            await stored.CopyToAsync(copy, cancellationToken);
            return new DataContent(copy.ToArray(), "application/pdf") { Name = row.FileName };
        }

        var text = await ReadTextAsync(stored, row.Kind == AttachmentKind.Pdf, limits.MaxTextChars, cancellationToken);
        if (row.Kind == AttachmentKind.Pdf && string.IsNullOrWhiteSpace(text))
        {
            text = PdfReading.NoTextLayer;
        }

        return Note(row, text);
    }

    private static TextContent Note(Attachment row, string text) =>
        new(AttachedText.Format(row.FileName, row.MediaType, row.Size, text));

    /// <summary>A PDF's text was kept as UTF-8; a text file's encoding is detected (a BOM for UTF-8/UTF-16, else strict UTF-8, else Latin-1) and read into a string, so it leaves as UTF-8 JSON.</summary>
    private static async Task<string> ReadTextAsync(Stream stored, bool utf8, int maxChars, CancellationToken cancellationToken)
    {
        var encoding = utf8 ? Encoding.UTF8 : await DetectAsync(stored, cancellationToken);
        using var reader = new StreamReader(stored, encoding, detectEncodingFromByteOrderMarks: true);
        var buffer = new char[maxChars + 1];
        var count = await reader.ReadBlockAsync(buffer.AsMemory(), cancellationToken);
        return count <= maxChars ? new string(buffer, 0, count) : new string(buffer, 0, maxChars) + CutNote;
    }

    private static async Task<Encoding> DetectAsync(Stream stored, CancellationToken cancellationToken)
    {
        var head = new byte[ContentSniffer.HeadBytes];
        var read = await stored.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        stored.Position = 0;
        return ContentSniffer.DetectEncoding(head.AsSpan(0, read)) ?? Encoding.UTF8;
    }
}
