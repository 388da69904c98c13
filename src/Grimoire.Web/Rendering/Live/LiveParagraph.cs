using Microsoft.AspNetCore.Components;

namespace Grimoire.Web.Rendering;

/// <summary>
/// A paragraph that is the tail of a streaming message. Whatever arrived up to the last word boundary where the
/// inline markup is balanced (no code span, emphasis, strikethrough, link or parenthesis left open) is rendered once,
/// as a stretch of inline markup, and kept; only the word being written is rendered again on the next update. So a
/// render batch carries the new words and not the paragraph so far, however long it grows (issue 14 item 1). A cut
/// is never made before a word that could start a block on its own (a list marker, heading, quote, fence, rule), and
/// every stretch must render as one paragraph on its own: what the student sees while the paragraph streams is what
/// the finished message shows, and anything else falls back to rendering the tail whole.
/// </summary>
internal sealed class LiveParagraph(MarkdownRenderer renderer)
{
    private readonly List<MarkupString> stretches = [];
    private int consumed;
    private bool givenUp; // a stretch did not render as one paragraph: this tail is rendered whole from now on
    private string? lineBreak;

    public void Reset()
    {
        stretches.Clear();
        consumed = 0;
        givenUp = false;
    }

    /// <summary>The paragraph's parts; null when the tail is not one paragraph this can follow.</summary>
    public ParagraphTail? Parts(string tail)
    {
        if (givenUp || tail.Length == 0 || char.IsWhiteSpace(tail[0]) || MayStartBlock(tail, 0))
        {
            return null;
        }

        if (LastCut(tail, consumed) is { } cut)
        {
            if (InlineOf(tail[consumed..cut].TrimEnd()) is not { } inline)
            {
                givenUp = true;
                return null;
            }

            var separator = EndsWithLineBreak(tail, cut) ? LineBreak() : " ";
            stretches.Add(new MarkupString(inline + separator));
            consumed = cut;
        }

        var writingSource = tail[consumed..];
        if (writingSource.Length == 0)
        {
            return new ParagraphTail([.. stretches], new MarkupString(string.Empty));
        }

        return InlineOf(writingSource) is { } writing ? new ParagraphTail([.. stretches], new MarkupString(writing)) : null;
    }

    /// <summary>
    /// The last place after <paramref name="start"/> where whitespace ends and a word begins that could not start a
    /// block, with the stretch from <paramref name="start"/> balanced: an even number of runs of backticks, asterisks,
    /// tildes and word-edge underscores, and every bracket and parenthesis closed. Null when there is none.
    /// </summary>
    private static int? LastCut(string tail, int start)
    {
        int? last = null;
        int backticks = 0, asterisks = 0, tildes = 0, underscores = 0, brackets = 0, parentheses = 0;
        for (var i = start; i < tail.Length; i++)
        {
            var c = tail[i];
            var previous = i > start ? tail[i - 1] : '\0';
            if (i > start && char.IsWhiteSpace(previous) && !char.IsWhiteSpace(c) && !MayStartBlock(tail, i)
                && backticks % 2 == 0 && asterisks % 2 == 0 && tildes % 2 == 0 && underscores % 2 == 0 && brackets == 0 && parentheses == 0
                && !IsBlankLineBefore(tail, i))
            {
                last = i;
            }

            var runStarts = previous != c;
            switch (c)
            {
                case '`' when runStarts: backticks++; break;
                case '*' when runStarts: asterisks++; break;
                case '~' when runStarts: tildes++; break;
                case '_' when runStarts && (!char.IsLetterOrDigit(previous) || i + 1 >= tail.Length || !char.IsLetterOrDigit(tail[i + 1])): underscores++; break;
                case '[': brackets++; break;
                case ']': brackets--; break;
                case '(': parentheses++; break;
                case ')': parentheses--; break;
            }
        }

        return last;
    }

    /// <summary>
    /// Whether the word at <paramref name="i"/>, at the start of a line, could begin a block rather than continue a
    /// paragraph: a heading, quote, table, fence, list item, thematic break or setext underline. Conservative where
    /// the text after it has not arrived yet.
    /// </summary>
    private static bool MayStartBlock(string tail, int i)
    {
        var lineEnd = tail.IndexOf('\n', i);
        var word = tail.AsSpan(i, (lineEnd < 0 ? tail.Length : lineEnd) - i);
        var space = word.IndexOfAny(' ', '\t');
        var first = space < 0 ? word : word[..space];
        var complete = space >= 0 || lineEnd >= 0;
        var c = word[0];
        if (c is '#' or '>' or '|')
        {
            return true;
        }

        if (c is '`' or '~')
        {
            return first.Length >= 3 && first.IndexOfAnyExcept(c) < 0 || !complete;
        }

        if (c is '-' or '+' or '*' or '_' or '=')
        {
            // "- item", a rule ("---", "* * *") or an underline ("==="); "-5 degrees" and "**bold**" continue the paragraph.
            var marker = first.Length == 1 && c is '-' or '+' or '*' && space >= 0;
            var rule = word.Trim().IndexOfAnyExcept([c, ' ', '\t']) < 0;
            return marker || rule || !complete && first.IndexOfAnyExcept(c) < 0;
        }

        if (char.IsAsciiDigit(c))
        {
            // "2. item" or "2) item"; a number still being written may become one.
            var digits = first.IndexOfAnyExceptInRange('0', '9');
            return digits < 0 ? !complete : first[digits] is '.' or ')' && digits + 1 == first.Length;
        }

        return false;
    }

    private static bool IsBlankLineBefore(string tail, int i)
    {
        var newlines = 0;
        for (var j = i - 1; j >= 0 && char.IsWhiteSpace(tail[j]); j--)
        {
            if (tail[j] == '\n' && ++newlines == 2)
            {
                return true;
            }
        }

        return false;
    }

    private static bool EndsWithLineBreak(string tail, int cut)
    {
        for (var j = cut - 1; j >= 0 && char.IsWhiteSpace(tail[j]); j--)
        {
            if (tail[j] == '\n')
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The inline markup of <paramref name="source"/> when it renders as exactly one paragraph.</summary>
    private string? InlineOf(string source)
    {
        var html = renderer.ToSafeHtml(source).TrimEnd();
        const string open = "<p>", close = "</p>";
        if (!html.StartsWith(open, StringComparison.Ordinal) || !html.EndsWith(close, StringComparison.Ordinal))
        {
            return null;
        }

        var inner = html[open.Length..^close.Length];
        return inner.Contains("<p>", StringComparison.Ordinal) ? null : inner;
    }

    /// <summary>How a line break inside a paragraph renders (a hard break: chat text is written line by line).</summary>
    private string LineBreak()
    {
        if (lineBreak is null)
        {
            var html = renderer.ToSafeHtml("a\nb").Trim();
            lineBreak = html.StartsWith("<p>a", StringComparison.Ordinal) && html.EndsWith("b</p>", StringComparison.Ordinal)
                ? html["<p>a".Length..^"b</p>".Length]
                : "<br>\n";
        }

        return lineBreak;
    }
}
