using Microsoft.AspNetCore.Components;

namespace Grimoire.Web.Rendering;

/// <summary>
/// The rows of a pipe table that is the tail of a streaming message. A finished row (its line break arrived) cannot
/// change again, so each batch of newly finished rows is rendered once — with the table's head, so alignment and
/// cell count are the table's — and kept; only the row being written is rendered again on the next update.
/// </summary>
internal sealed class LiveTable(MarkdownRenderer renderer)
{
    private const string TableOpen = "<table>";
    private const string BodyOpen = "<tbody>";
    private const string BodyClose = "</tbody>";

    private readonly List<MarkupString> rows = [];
    private int consumed; // characters of the tail in the head and the finished rows
    private string? open;
    private MarkupString head;
    private string close = string.Empty;

    public void Reset()
    {
        rows.Clear();
        consumed = 0;
        open = null;
    }

    /// <summary>The table's parts; null when the tail is not (or no longer) a table this can follow.</summary>
    public TableTail? Parts(string tail)
    {
        if (MarkdownLines.TableHeadLength(tail) is not { } headLength)
        {
            return null;
        }

        var headSource = tail[..headLength];
        consumed = Math.Max(consumed, headLength);
        var lastBreak = tail.LastIndexOf('\n');
        if (lastBreak + 1 > consumed)
        {
            var finished = tail[consumed..(lastBreak + 1)];
            foreach (var line in finished.AsSpan().TrimEnd('\n').EnumerateLines())
            {
                if (!MarkdownLines.IsTableRow(line))
                {
                    return null; // the table ended: the caller renders the tail whole until the next block begins
                }
            }

            if (BodyOf(headSource + finished) is not { } body)
            {
                return null;
            }

            rows.Add(body);
            consumed = lastBreak + 1;
        }

        var writingSource = tail[consumed..];
        var writing = writingSource.Length > 0 && MarkdownLines.IsTableRow(writingSource) && BodyOf(headSource + writingSource) is { } w
            ? w
            : new MarkupString(string.Empty);
        return open is null ? null : new TableTail(open, head, [.. rows], writing, close);
    }

    /// <summary>The rows inside <c>&lt;tbody&gt;</c> of a render of the head and some rows; learns the table's frame on first use.</summary>
    private MarkupString? BodyOf(string source)
    {
        var html = renderer.ToSafeHtml(source);
        var bodyStart = html.IndexOf(BodyOpen, StringComparison.Ordinal);
        var bodyEnd = html.LastIndexOf(BodyClose, StringComparison.Ordinal);
        if (!html.StartsWith(TableOpen, StringComparison.Ordinal) || bodyStart < 0 || bodyEnd < bodyStart)
        {
            return null;
        }

        var rowsStart = bodyStart + BodyOpen.Length;
        if (rowsStart < html.Length && html[rowsStart] == '\n')
        {
            rowsStart++;
        }

        if (open is null)
        {
            open = html[..rowsStart];
            head = new MarkupString(html[TableOpen.Length..bodyStart]);
            close = html[bodyEnd..];
        }

        return new MarkupString(html[rowsStart..bodyEnd]);
    }
}
