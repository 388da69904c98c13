using Microsoft.AspNetCore.Components;

namespace Grimoire.Web.Rendering;

/// <summary>
/// Renders one message while its text streams in. The text only grows, and everything before the last paragraph
/// break (outside a code fence) no longer changes: that stable part is rendered once per paragraph and reused, so
/// each update costs the last paragraph, not the whole answer. Between the two parts the rendering can differ from
/// a whole-document render in small ways (a list continued after a blank line starts a new list); the finished
/// message is rendered whole by <see cref="MarkdownRenderer.Render"/>.
/// </summary>
public sealed class LiveMarkdown
{
    private readonly MarkdownRenderer renderer;
    private string stableSource = string.Empty;
    private string stableHtml = string.Empty;

    internal LiveMarkdown(MarkdownRenderer renderer) => this.renderer = renderer;

    /// <summary>How many times the stable part was rendered (for tests).</summary>
    internal int StableRenders { get; private set; }

    public MarkupString Render(string? markdown)
    {
        if (string.IsNullOrEmpty(markdown))
        {
            return new MarkupString(string.Empty);
        }

        var split = StableLength(markdown);
        if (split == 0)
        {
            return new MarkupString(this.renderer.ToSafeHtml(markdown));
        }

        if (split != stableSource.Length || !markdown.AsSpan(0, split).SequenceEqual(stableSource))
        {
            stableSource = markdown[..split];
            stableHtml = this.renderer.ToSafeHtml(stableSource);
            StableRenders++;
        }

        return new MarkupString(stableHtml + this.renderer.ToSafeHtml(markdown[split..]));
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
