using System.Text;
using SkiaSharp;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace Grimoire.Core.Tests.Attachments;

/// <summary>Real files made on the spot: a PNG of a given size, a CSV, a PDF with or without a text layer.</summary>
internal static class TestFiles
{
    public static byte[] Png(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(new SKColor(30, 120, 200));
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    public static byte[] Csv() => Encoding.UTF8.GetBytes("name,score\nAda,91\nBrian,78\n");

    public static byte[] Pdf(string? text)
    {
        var builder = new PdfDocumentBuilder();
        var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
        if (text is not null)
        {
            var font = builder.AddStandard14Font(Standard14Font.Helvetica);
            page.AddText(text, 12, new UglyToad.PdfPig.Core.PdfPoint(50, 700), font);
        }

        return builder.Build();
    }

    public static Stream Stream(byte[] bytes) => new MemoryStream(bytes);
}
