using System.Globalization;
using System.Net;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Grimoire.Core.Annotation.Pdf;

/// <summary>
/// The page a PDF export prints: the document's stored, sanitised snapshot HTML; each anchored highlight as a
/// coloured <c>&lt;mark&gt;</c> followed by its number, and the numbered highlights with their tag, author and
/// comments as endnotes. Marks are placed by the same character offsets the annotation page uses
/// (<see cref="Snapshot.DocumentHtml.TextOf"/>), splitting text nodes; thinking sections are printed open. Everything
/// added here is encoded text. The page allows nothing to load (its Content-Security-Policy is <c>default-src 'none'</c>).
/// </summary>
public static class PrintableHtml
{
    private static readonly HtmlParser Parser = new();

    public static string Build(string title, string documentHtml, IReadOnlyList<HighlightView> highlights)
    {
        ArgumentNullException.ThrowIfNull(documentHtml);
        ArgumentNullException.ThrowIfNull(highlights);
        using var page = Parser.ParseDocument("<!DOCTYPE html><html><head></head><body>" + documentHtml + "</body></html>");
        var body = page.Body!;
        var numbered = highlights.Select((h, i) => (Highlight: h, Number: i + 1)).ToList();
        Mark(page, body, numbered.Where(n => n.Highlight.IsAnchored).ToList());
        foreach (var details in body.QuerySelectorAll("details"))
        {
            details.SetAttribute("open", "");
        }

        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">")
            .Append("<title>").Append(Encode(title)).Append("</title><style>").Append(Style).Append("</style></head><body>")
            .Append(body.InnerHtml);
        if (numbered.Count > 0)
        {
            AppendEndnotes(html, numbered);
        }

        html.Append("</body></html>");
        return html.ToString();
    }

    /// <summary>A highlight's colour as a CSS value: its <c>#rrggbb</c>, or grey for anything else.</summary>
    internal static string Colour(string colour) => AnnotationTags.IsColour(colour) ? colour : "#9e9e9e";

    private static void Mark(IDocument page, IElement body, List<(HighlightView Highlight, int Number)> marks)
    {
        if (marks.Count == 0)
        {
            return;
        }

        // Every text node with its start offset, fixed before any node is split.
        var texts = new List<(IText Node, int Start)>();
        var offset = 0;
        foreach (var node in body.Descendants<IText>())
        {
            texts.Add((node, offset));
            offset += node.Data.Length;
        }

        var cuts = marks.SelectMany(m => new[] { m.Highlight.Start, m.Highlight.End }).Distinct().Order().ToList();
        foreach (var (node, start) in texts)
        {
            var end = start + node.Data.Length;
            var points = cuts.Where(c => c > start && c < end).ToList();
            var pieces = new List<(int From, int To)>();
            var from = start;
            foreach (var point in points)
            {
                pieces.Add((from, point));
                from = point;
            }

            pieces.Add((from, end));
            if (pieces.Count == 1 && !marks.Any(m => Covers(m.Highlight, start, end)) && !marks.Any(m => m.Highlight.End == end))
            {
                continue;
            }

            var parent = node.Parent!;
            foreach (var (pieceStart, pieceEnd) in pieces)
            {
                var text = page.CreateTextNode(node.Data[(pieceStart - start)..(pieceEnd - start)]);
                var covering = marks.Where(m => Covers(m.Highlight, pieceStart, pieceEnd)).ToList();
                INode placed = text;
                if (covering.Count > 0 && text.Data.Length > 0)
                {
                    var mark = page.CreateElement("mark");
                    var innermost = covering.MaxBy(m => m.Highlight.Start)!;
                    mark.SetAttribute("class", "hl");
                    mark.SetAttribute("style", "background-color:" + Colour(innermost.Highlight.TagColour) + "55;border-bottom:2px solid "
                        + Colour(innermost.Highlight.TagColour));
                    mark.AppendChild(text);
                    placed = mark;
                }

                parent.InsertBefore(placed, node);
                foreach (var ending in marks.Where(m => m.Highlight.End == pieceEnd && pieceEnd > pieceStart))
                {
                    var note = page.CreateElement("sup");
                    note.SetAttribute("class", "note-ref");
                    note.TextContent = "[" + ending.Number.ToString(CultureInfo.InvariantCulture) + "]";
                    parent.InsertBefore(note, node);
                }
            }

            parent.RemoveChild(node);
        }
    }

    private static bool Covers(HighlightView highlight, int from, int to) => highlight.Start <= from && to <= highlight.End && from < to;

    private static void AppendEndnotes(StringBuilder html, List<(HighlightView Highlight, int Number)> numbered)
    {
        html.Append("<section class=\"endnotes\"><h2>Annotations</h2><ol>");
        foreach (var (highlight, number) in numbered)
        {
            html.Append("<li value=\"").Append(number.ToString(CultureInfo.InvariantCulture)).Append("\"><p><span class=\"tag\" style=\"border-color:")
                .Append(Colour(highlight.TagColour)).Append(";background-color:").Append(Colour(highlight.TagColour)).Append("33\">")
                .Append(Encode(highlight.TagName)).Append("</span> <span class=\"author\">").Append(Encode(highlight.Author)).Append("</span></p>")
                .Append("<blockquote>").Append(Encode(highlight.Quote)).Append("</blockquote>");
            if (!highlight.IsAnchored)
            {
                html.Append("<p class=\"broken\">This highlight no longer matches the text.</p>");
            }

            if (highlight.Comments.Count > 0)
            {
                html.Append("<ul class=\"comments\">");
                foreach (var comment in highlight.Comments)
                {
                    html.Append("<li><strong>").Append(Encode(comment.Author)).Append(":</strong> ").Append(Encode(comment.Text)).Append("</li>");
                }

                html.Append("</ul>");
            }

            html.Append("</li>");
        }

        html.Append("</ol></section>");
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private const string Style = """
        body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 11pt; line-height: 1.45; color: #1a1a1a; }
        h1 { font-size: 18pt; margin: 0 0 8pt; }
        h2.speaker { font-size: 12pt; margin: 14pt 0 2pt; }
        .byline { color: #555; font-size: 9pt; margin: 0 0 6pt; }
        section.message { border-top: 1px solid #ddd; padding-top: 4pt; break-inside: auto; }
        section.system-prompt { background: #f5f5f5; padding: 4pt 8pt; }
        details.thinking { border-left: 3px solid #bbb; padding-left: 8pt; color: #444; margin: 4pt 0; }
        details.thinking summary { font-weight: bold; list-style: none; }
        pre { white-space: pre-wrap; background: #f6f6f6; padding: 6pt; font-size: 9pt; }
        ul.attachments { padding: 0; list-style: none; }
        ul.attachments li.chip { display: inline-block; border: 1px solid #bbb; border-radius: 10pt; padding: 0 6pt; margin-right: 4pt; font-size: 9pt; }
        mark.hl { color: inherit; padding: 0 1pt; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        sup.note-ref { font-size: 7pt; font-weight: bold; color: #333; }
        section.endnotes { border-top: 2px solid #333; margin-top: 18pt; break-before: auto; }
        section.endnotes blockquote { margin: 2pt 0 2pt 10pt; color: #333; font-style: italic; }
        section.endnotes .tag { border: 1px solid; border-radius: 8pt; padding: 0 5pt; font-size: 9pt; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        section.endnotes .author { color: #555; font-size: 9pt; }
        section.endnotes .broken { color: #b26a00; font-size: 9pt; }
        section.endnotes ul.comments { margin: 2pt 0 8pt; }
        """;
}
