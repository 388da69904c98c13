using Microsoft.AspNetCore.Components;

namespace Grimoire.Web.Rendering;

/// <summary>
/// Renders one message while its text streams in. The text only grows, and everything before the last paragraph
/// break (outside a code fence) no longer changes: each newly stable stretch is rendered once, as its own chunk,
/// and never again, so a render batch carries only what changed (issue 14 item 1): the chunks already on the page
/// diff to nothing, a new chunk is one insertion, and only the tail after the last break is sent again. A tail
/// that is an open code fence is split further into its finished lines (sent once each) and the line being
/// written. Between the parts the rendering can differ from a whole-document render in small ways (a list continued
/// after a blank line starts a new list, a reference link defined in a later chunk); the finished message is
/// rendered whole by <see cref="MarkdownRenderer.Render"/>.
/// </summary>
public sealed class LiveMarkdown
{
    private readonly MarkdownRenderer renderer;
    private readonly List<MarkupString> chunks = [];
    private string stableSource = string.Empty;

    internal LiveMarkdown(MarkdownRenderer renderer) => this.renderer = renderer;

    /// <summary>How many times a stable chunk was rendered (for tests).</summary>
    internal int StableRenders { get; private set; }

    /// <summary>The text as one markup string (the chunks, then the tail); <see cref="Parts"/> is what a page renders.</summary>
    public MarkupString Render(string? markdown)
    {
        var parts = Parts(markdown);
        return new MarkupString(string.Concat(parts.Stable.Select(c => c.Value)) + parts.TailHtml());
    }

    /// <summary>The text as the chunks that will not change again and the tail that still may.</summary>
    public LiveParts Parts(string? markdown)
    {
        if (string.IsNullOrEmpty(markdown))
        {
            return LiveParts.Empty;
        }

        var split = StableLength(markdown);
        if (split < stableSource.Length || !markdown.AsSpan(0, stableSource.Length).SequenceEqual(stableSource))
        {
            chunks.Clear(); // the text was replaced rather than extended: start over
            stableSource = string.Empty;
        }

        if (split > stableSource.Length)
        {
            chunks.Add(new MarkupString(renderer.ToSafeHtml(markdown[stableSource.Length..split])));
            stableSource = markdown[..split];
            StableRenders++;
        }

        var tail = markdown[split..];
        if (OpenFenceIn(tail) is not { } fence)
        {
            return new LiveParts([.. chunks], new MarkupString(renderer.ToSafeHtml(tail)), null);
        }

        var before = fence.Start == 0 ? new MarkupString(string.Empty) : new MarkupString(renderer.ToSafeHtml(tail[..fence.Start]));
        var body = tail[fence.BodyStart..];
        var lastBreak = body.LastIndexOf('\n');
        var lines = lastBreak < 0 ? [] : body[..(lastBreak + 1)].Split('\n')[..^1];
        return new LiveParts([.. chunks], before, new OpenCodeBlock(fence.Language, lines, body[(lastBreak + 1)..]));
    }

    /// <summary>Where a fence that is still open begins in <paramref name="tail"/> (its line, its body, its language); null when none is open.</summary>
    private static (int Start, int BodyStart, string Language)? OpenFenceIn(string tail)
    {
        (int Start, int BodyStart, string Language)? open = null;
        char fenceChar = '\0';
        var fenceLength = 0;
        var position = 0;
        while (position < tail.Length)
        {
            var end = tail.IndexOf('\n', position);
            if (end < 0)
            {
                // An opener still being written is not a fence yet; a closer still being written does not close one.
                break;
            }

            var line = tail.AsSpan(position, end - position);
            var (marker, length) = Fence(line);
            if (fenceChar == '\0' && length > 0)
            {
                fenceChar = marker;
                fenceLength = length;
                open = (position, end + 1, LanguageOf(line.Trim()[length..]));
            }
            else if (fenceChar != '\0' && marker == fenceChar && length >= fenceLength && IsBareFence(line, length))
            {
                fenceChar = '\0';
                open = null;
            }

            position = end + 1;
        }

        return open;
    }

    /// <summary>The fence's language as a class name can carry it: its first word, letters, digits and <c>+#._-</c> only.</summary>
    private static string LanguageOf(ReadOnlySpan<char> info)
    {
        info = info.Trim();
        var length = 0;
        while (length < info.Length && length < 32 && (char.IsAsciiLetterOrDigit(info[length]) || "+#._-".Contains(info[length])))
        {
            length++;
        }

        return info[..length].ToString();
    }

    /// <summary>
    /// The length of the prefix that later text cannot change: up to the start of the last line that follows a
    /// blank line, begins at the margin (not a continuation or indented code) and is outside a fenced code block.
    /// Zero when there is no such line.
    /// </summary>
    internal static int StableLength(string markdown)
    {
        var stable = 0;
        var previousBlank = false;
        char fenceChar = '\0';
        var fenceLength = 0;
        var position = 0;
        while (position < markdown.Length)
        {
            var end = markdown.IndexOf('\n', position);
            var complete = end >= 0;
            var line = markdown.AsSpan(position, (complete ? end : markdown.Length) - position);

            if (fenceChar == '\0' && previousBlank && line.Length > 0 && !char.IsWhiteSpace(line[0]))
            {
                stable = position;
            }

            var (marker, length) = Fence(line);
            if (fenceChar == '\0' && length > 0)
            {
                fenceChar = marker;
                fenceLength = length;
            }
            else if (fenceChar != '\0' && marker == fenceChar && length >= fenceLength && IsBareFence(line, length))
            {
                fenceChar = '\0';
            }

            previousBlank = complete && line.Trim().IsEmpty && fenceChar == '\0';
            if (!complete)
            {
                break;
            }

            position = end + 1;
        }

        return stable;
    }

    /// <summary>A fence line: up to three spaces, then three or more backticks or tildes.</summary>
    private static (char Marker, int Length) Fence(ReadOnlySpan<char> line)
    {
        var indent = 0;
        while (indent < line.Length && indent < 4 && line[indent] == ' ')
        {
            indent++;
        }

        if (indent > 3 || indent >= line.Length || (line[indent] != '`' && line[indent] != '~'))
        {
            return ('\0', 0);
        }

        var marker = line[indent];
        var length = 0;
        while (indent + length < line.Length && line[indent + length] == marker)
        {
            length++;
        }

        return length >= 3 ? (marker, length) : ('\0', 0);
    }

    private static bool IsBareFence(ReadOnlySpan<char> line, int fenceLength) =>
        line.Trim().Length == fenceLength;
}
