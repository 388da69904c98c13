using Grimoire.Llm.Tokens;
using Microsoft.Extensions.AI;

namespace Grimoire.Core.Attachments;

/// <summary>
/// What an attached file costs in the pre-flight context check (issue 10). Text — a text file, a PDF's extracted text —
/// is inlined as a text part and counted by the tokenizer like any text. An image is estimated by the tile rule of
/// thumb OpenAI documents for high detail: fitted into 2048×2048, its short side scaled to 768, then 170 tokens per
/// 512-pixel tile plus 85 (a 40×30 image: 255; 2048×2048: 765). Other providers count differently (Anthropic about
/// width×height/750 after fitting 1568 pixels), so this is an estimate, as the check is. A file part the provider reads
/// itself counts a token per 4 bytes.
/// </summary>
public static class AttachmentTokens
{
    /// <summary>An image whose dimensions are not known counts as the rule's largest square (2048×2048).</summary>
    public const int UnknownImage = 765;

    public const string WidthProperty = "grimoire.width";

    public const string HeightProperty = "grimoire.height";

    public static int ForImage(int width, int height)
    {
        if (width <= 0 || height <= 0)
        {
            return UnknownImage;
        }

        double w = width, h = height;
        var fit = Math.Min(1, 2048 / Math.Max(w, h));
        (w, h) = (w * fit, h * fit);
        var shortSide = Math.Min(1, 768 / Math.Min(w, h));
        (w, h) = (w * shortSide, h * shortSide);
        var tiles = (int)(Math.Ceiling(w / 512) * Math.Ceiling(h / 512));
        return 85 + (170 * tiles);
    }

    /// <summary>The tokens of a message: its text by <paramref name="counter"/>, its images and file parts as above.</summary>
    public static int ForMessage(ChatMessage message, ITokenCounter counter)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(counter);
        return counter.CountTokens(message.Text) + message.Contents.OfType<DataContent>().Sum(ForData);
    }

    private static int ForData(DataContent data)
    {
        if (!data.HasTopLevelMediaType("image"))
        {
            return (int)Math.Min(int.MaxValue, (data.Data.Length + 3L) / 4);
        }

        return data.AdditionalProperties is { } p && p.TryGetValue(WidthProperty, out var w) && p.TryGetValue(HeightProperty, out var h)
            && w is int width && h is int height
                ? ForImage(width, height)
                : UnknownImage;
    }
}
