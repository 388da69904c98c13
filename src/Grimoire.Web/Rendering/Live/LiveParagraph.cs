using Microsoft.AspNetCore.Components;

namespace Grimoire.Web.Rendering;

/// <summary>
/// A long paragraph that is the tail of a streaming message (an essay without blank lines, a model's line-by-line
/// answer). Finished sentences and lines are rendered once, in stretches of at least <see cref="MinStretch"/>
/// characters, and kept; only the stretch being written is rendered again. A stretch is cut only where its inline
/// markup is balanced (code spans, emphasis, links) and renders as one paragraph on its own, so what the student
/// sees while it streams is what the finished message shows; anything else falls back to rendering the tail whole.
/// </summary>
internal sealed class LiveParagraph(MarkdownRenderer renderer)
{
    /// <summary>Below this a tail is rendered whole: re-sending it costs less than the frames to split it.</summary>
    internal const int MinTail = 480;

    internal const int MinStretch = 240;

    private readonly List<MarkupString> stretches = [];
    private int consumed;
    private int searchFrom; // past a cut whose stretch did not render as one paragraph: not tried again
    private string? lineBreak;

    public void Reset()
    {
        stretches.Clear();
        consumed = 0;
        searchFrom = 0;
    }

    /// <summary>The paragraph's parts; null when the tail is short or not one paragraph this can follow.</summary>
    public ParagraphTail? Parts(string tail)
    {
        if (stretches.Count == 0 && tail.Length < MinTail)
        {
            return null;
        }

        while (NextCut(tail, consumed, Math.Max(consumed + MinStretch, searchFrom)) is { } cut)
        {
            if (InlineOf(tail[consumed..cut].TrimEnd()) is not { } inline)
            {
                searchFrom = cut + 1;
                break;
            }

            var separator = tail[cut - 1] == '\n' ? LineBreak() : " ";
            stretches.Add(new MarkupString(inline + separator));
            consumed = cut;
        }

        if (stretches.Count == 0)
        {
            return null;
        }

        var writingSource = tail[consumed..];
        if (writingSource.Length == 0)
        {
            return new ParagraphTail([.. stretches], new MarkupString(string.Empty));
        }

        return InlineOf(writingSource) is { } writing ? new ParagraphTail([.. stretches], new MarkupString(writing)) : null;
    }

    /// <summary>
    /// The first place at or after <paramref name="from"/> where a sentence or a line ends and the next one has begun
    /// (after ". ", "? " or "! " before a capital letter, or after a line break before a letter) and the stretch from
    /// <paramref name="start"/> is balanced: an even number of runs of backticks (code spans) and of asterisks
    /// (emphasis), as many ']' as '['.
    /// </summary>
    private static int? NextCut(string tail, int start, int from)
    {
        int backtickRuns = 0, asteriskRuns = 0, brackets = 0;
        for (var i = start; i < tail.Length; i++)
        {
            if (i >= from && i >= start + 2 && backtickRuns % 2 == 0 && asteriskRuns % 2 == 0 && brackets == 0)
            {
                var sentence = tail[i - 1] == ' ' && tail[i - 2] is '.' or '?' or '!' && char.IsUpper(tail[i]);
                var line = tail[i - 1] == '\n' && tail[i - 2] != '\n' && char.IsLetter(tail[i]);
                if (sentence || line)
                {
                    return i;
                }
            }

            var c = tail[i];
            var runStarts = i == start || tail[i - 1] != c;
            switch (c)
            {
                case '`' when runStarts: backtickRuns++; break;
                case '*' when runStarts: asteriskRuns++; break;
                case '[': brackets++; break;
                case ']': brackets--; break;
            }
        }

        return null;
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
