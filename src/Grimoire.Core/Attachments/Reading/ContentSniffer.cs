using System.Text;

namespace Grimoire.Core.Attachments.Reading;

/// <summary>
/// What a file is, from its first bytes (magic numbers), never from its extension: PNG, JPEG, GIF, WebP, PDF, or
/// text (UTF-8, UTF-16 with a byte-order mark, or a single-byte code page without control characters).
/// The extension only names the kind of text (CSV, Markdown, JSON…), for the chip and the model.
/// </summary>
public static class ContentSniffer
{
    public const int HeadBytes = 64 * 1024;

    public static (AttachmentKind Kind, string MediaType)? Sniff(ReadOnlySpan<byte> head, string fileName)
    {
        if (head.StartsWith((byte[])[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return (AttachmentKind.Image, "image/png");
        }

        if (head.StartsWith((byte[])[0xFF, 0xD8, 0xFF]))
        {
            return (AttachmentKind.Image, "image/jpeg");
        }

        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8))
        {
            return (AttachmentKind.Image, "image/gif");
        }

        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
        {
            return (AttachmentKind.Image, "image/webp");
        }

        if (head.StartsWith("%PDF-"u8))
        {
            return (AttachmentKind.Pdf, "application/pdf");
        }

        return DetectEncoding(head) is null ? null : (AttachmentKind.Text, TextMediaType(fileName));
    }

    /// <summary>The encoding of text, or null for binary content.</summary>
    public static Encoding? DetectEncoding(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((byte[])[0xEF, 0xBB, 0xBF]))
        {
            return new UTF8Encoding(false);
        }

        if (head.StartsWith((byte[])[0xFF, 0xFE]))
        {
            return Encoding.Unicode;
        }

        if (head.StartsWith((byte[])[0xFE, 0xFF]))
        {
            return Encoding.BigEndianUnicode;
        }

        foreach (var b in head)
        {
            if (b < 0x20 && b is not (byte)'\t' and not (byte)'\n' and not (byte)'\r' and not 0x0C)
            {
                return null; // NUL and other controls: binary
            }
        }

        // A head cut through a multi-byte character is still UTF-8: allow up to 3 trailing bytes.
        var strict = new UTF8Encoding(false, throwOnInvalidBytes: true);
        for (var cut = 0; cut <= Math.Min(3, head.Length); cut++)
        {
            try
            {
                strict.GetCharCount(head[..^cut]);
                return new UTF8Encoding(false);
            }
            catch (DecoderFallbackException)
            {
            }
        }

        return Encoding.Latin1;
    }

    private static string TextMediaType(string fileName) =>
        Path.GetExtension(fileName).ToLowerInvariant() switch
        {
            ".csv" => "text/csv",
            ".md" or ".markdown" => "text/markdown",
            ".json" => "application/json",
            ".html" or ".htm" => "text/html",
            ".xml" => "application/xml",
            _ => "text/plain",
        };
}
