using SkiaSharp;

namespace Grimoire.Core.Attachments.Reading;

/// <summary>
/// Images with SkiaSharp: their size from the header, and a fresh encoding for the model, no larger than the
/// configured edge. Re-encoding keeps the pixels only, so EXIF and GPS data never leave the server.
/// </summary>
public static class ImageReading
{
    public static (int Width, int Height)? Dimensions(Stream content)
    {
        using var codec = SKCodec.Create(content);
        return codec is null ? null : (codec.Info.Width, codec.Info.Height);
    }

    /// <summary>PNG stays PNG (screenshots, charts), everything else becomes JPEG; null when it does not decode.</summary>
    public static (byte[] Bytes, string MediaType, int Width, int Height)? Reencode(Stream content, string mediaType, int maxEdge)
    {
        using var original = SKBitmap.Decode(content);
        if (original is null)
        {
            return null;
        }

        var scale = Math.Min(1.0, (double)maxEdge / Math.Max(original.Width, original.Height));
        var width = Math.Max(1, (int)Math.Round(original.Width * scale));
        var height = Math.Max(1, (int)Math.Round(original.Height * scale));
        using var resized = scale < 1.0
            ? original.Resize(new SKImageInfo(width, height), new SKSamplingOptions(SKCubicResampler.Mitchell))
            : null;
        using var image = SKImage.FromBitmap(resized ?? original);
        var png = mediaType == "image/png";
        using var data = image.Encode(png ? SKEncodedImageFormat.Png : SKEncodedImageFormat.Jpeg, 85);
        return (data.ToArray(), png ? "image/png" : "image/jpeg", width, height);
    }
}
