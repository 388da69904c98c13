using System.Net;
using System.Text;

namespace Grimoire.Core.Annotation.Snapshot;

/// <summary>
/// Renders one message's Markdown to safe HTML for the snapshot. The web host registers its sanitising Markdown
/// renderer; whatever it returns is sanitised again with the whole document (<see cref="DocumentHtml"/>).
/// </summary>
public interface IMarkdownHtml
{
    string ToSafeHtml(string markdown);
}

/// <summary>The fallback without a Markdown renderer (CLI, tests): the text, encoded, one paragraph per blank line.</summary>
public sealed class PlainTextMarkdownHtml : IMarkdownHtml
{
    public string ToSafeHtml(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var html = new StringBuilder();
        foreach (var paragraph in markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n"))
        {
            if (paragraph.Trim().Length == 0)
            {
                continue;
            }

            html.Append("<p>").Append(WebUtility.HtmlEncode(paragraph).Replace("\n", "<br>", StringComparison.Ordinal)).Append("</p>");
        }

        return html.ToString();
    }
}
