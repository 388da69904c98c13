using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Grimoire.Llm.Wire;
using Microsoft.Extensions.AI;

namespace Grimoire.Llm.Simulated;

/// <summary>
/// What the simulated model says it received with the last question (issue 10), so a demo shows the files arrived:
/// each image's type, size and pixel dimensions (read from its PNG or JPEG header), and each inlined file's name,
/// type and size.
/// </summary>
internal static class SimulatedAttachments
{
    public static string Describe(ChatMessage? question)
    {
        if (question is null)
        {
            return "";
        }

        var lines = new List<string>();
        foreach (var content in question.Contents)
        {
            switch (content)
            {
                case DataContent data when data.HasTopLevelMediaType("image"):
                    var size = Dimensions(data.Data.Span);
                    lines.Add(string.Create(CultureInfo.InvariantCulture,
                        $"- an image **{data.Name ?? "(unnamed)"}** ({data.MediaType}, {data.Data.Length:N0} bytes as sent{(size is { } s ? $", {s.Width}×{s.Height} pixels" : "")})"));
                    break;
                case DataContent file:
                    lines.Add(string.Create(CultureInfo.InvariantCulture, $"- a file **{file.Name ?? "(unnamed)"}** ({file.MediaType}, {file.Data.Length:N0} bytes)"));
                    break;
                case TextContent text:
                    lines.AddRange(AttachedText.Find(text.Text).Select(f =>
                        string.Create(CultureInfo.InvariantCulture, $"- a file **{f.Name}** ({f.MediaType}, {f.Bytes:N0} bytes) as text")));
                    break;
                default:
                    break;
            }
        }

        if (lines.Count == 0)
        {
            return "";
        }

        var said = new StringBuilder();
        said.Append(CultureInfo.InvariantCulture, $"I received {lines.Count} attachment(s):\n\n");
        foreach (var line in lines)
        {
            said.Append(line).Append('\n');
        }

        return said.Append('\n').ToString();
    }

    /// <summary>Width and height from a PNG's IHDR or a JPEG's start-of-frame marker.</summary>
    internal static (int Width, int Height)? Dimensions(ReadOnlySpan<byte> image)
    {
        if (image.Length >= 24 && image[..8].SequenceEqual((byte[])[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return (BinaryPrimitives.ReadInt32BigEndian(image[16..]), BinaryPrimitives.ReadInt32BigEndian(image[20..]));
        }

        if (image.Length < 4 || image[0] != 0xFF || image[1] != 0xD8)
        {
            return null;
        }

        var at = 2;
        while (at + 9 < image.Length && image[at] == 0xFF)
        {
            var marker = image[at + 1];
            var length = BinaryPrimitives.ReadUInt16BigEndian(image[(at + 2)..]);
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                return (BinaryPrimitives.ReadUInt16BigEndian(image[(at + 7)..]), BinaryPrimitives.ReadUInt16BigEndian(image[(at + 5)..]));
            }

            at += 2 + length;
        }

        return null;
    }
}
