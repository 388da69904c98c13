using System.Text;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;

namespace Grimoire.Core.Attachments.Reading;

/// <summary>The text of a PDF (PdfPig), page by page, cut off by a page limit and a time limit (hostile PDFs).</summary>
public static class PdfReading
{
    public const string NoTextLayer = "This PDF has no text layer (a scan?): the model would get nothing from it. Attach the pages as images, or a PDF with text.";

    public const string Unreadable = "This PDF could not be read.";

    public static string TooManyPages(int pages, int max) => $"This PDF has {pages:N0} pages; at most {max:N0} are allowed.";

    public const string TooSlow = "Reading this PDF took too long. Attach a smaller or simpler one.";

    /// <summary>The text (pages separated by a blank line), or a refusal sentence.</summary>
    public static async Task<(string? Text, string? Refusal)> ExtractAsync(
        Stream content, int maxPages, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            return await Task.Run(() => Extract(content, maxPages, limit.Token), limit.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, TooSlow);
        }
    }

    private static (string? Text, string? Refusal) Extract(Stream content, int maxPages, CancellationToken token)
    {
        try
        {
            using var document = PdfDocument.Open(content);
            if (document.NumberOfPages > maxPages)
            {
                return (null, TooManyPages(document.NumberOfPages, maxPages));
            }

            var text = new StringBuilder();
            foreach (var page in document.GetPages())
            {
                token.ThrowIfCancellationRequested();
                if (text.Length > 0)
                {
                    text.Append("\n\n");
                }

                text.Append(ContentOrderTextExtractor.GetText(page).Trim());
            }

            return string.IsNullOrWhiteSpace(text.ToString()) ? (null, NoTextLayer) : (text.ToString(), null);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
#pragma warning disable CA1031 // any failure of a hostile or broken file is a refusal, never a crash
        catch (Exception)
#pragma warning restore CA1031
        {
            return (null, Unreadable);
        }
    }
}
