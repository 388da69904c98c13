namespace Grimoire.Web.Rendering;

/// <summary>
/// Line-level facts about Markdown that is still being written, for <see cref="LiveMarkdown"/>: where the text can be
/// cut so that later text cannot change what comes before, whether the tail ends inside a code fence, and whether
/// it is a pipe table. Conservative: when unsure, it answers "no", and the caller renders the tail whole.
/// </summary>
internal static class MarkdownLines
{
    /// <summary>
    /// The length of the prefix that later text cannot change: up to the start of the last line that follows a
    /// blank line, begins at the margin (not a continuation or indented code) and is outside a fenced code block.
    /// Zero when there is no such line.
    /// </summary>
    public static int StableLength(string markdown)
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

    /// <summary>Where a fence that is still open begins in <paramref name="tail"/> (its line, its body, its language); null when none is open.</summary>
    public static (int Start, int BodyStart, string Language)? OpenFenceIn(string tail)
    {
        (int Start, int BodyStart, string Language)? open = null;
        char fenceChar = '\0';
        var fenceLength = 0;
        var position = 0;
        while (position < tail.Length)
        {
            var end = tail.IndexOf('\n', position);
            var line = tail.AsSpan(position, (end < 0 ? tail.Length : end) - position);
            var (marker, length) = Fence(line);
            if (end < 0)
            {
                // An opener still being written is not a fence yet; a bare closer closes one (more backticks would
                // still close it, and text after it would make it code again on the next update).
                if (fenceChar != '\0' && marker == fenceChar && length >= fenceLength && IsBareFence(line, length))
                {
                    open = null;
                }

                break;
            }

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

    /// <summary>
    /// When <paramref name="tail"/> begins with a pipe table's header and delimiter rows (both finished lines), the
    /// length of those two lines with their line breaks; otherwise null.
    /// </summary>
    public static int? TableHeadLength(string tail)
    {
        var headerEnd = tail.IndexOf('\n');
        if (headerEnd <= 0)
        {
            return null;
        }

        var delimiterEnd = tail.IndexOf('\n', headerEnd + 1);
        if (delimiterEnd < 0)
        {
            return null;
        }

        var header = tail.AsSpan(0, headerEnd);
        var delimiter = tail.AsSpan(headerEnd + 1, delimiterEnd - headerEnd - 1);
        return header.Contains('|') && IsDelimiterRow(delimiter) && !char.IsWhiteSpace(header[0]) ? delimiterEnd + 1 : null;
    }

    /// <summary>A table row: a line with a pipe in it that is not blank.</summary>
    public static bool IsTableRow(ReadOnlySpan<char> line) => line.Contains('|') && !line.Trim().IsEmpty;

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

    /// <summary><c>|---|:--:|</c>: cells of dashes with optional colons, at least one pipe.</summary>
    private static bool IsDelimiterRow(ReadOnlySpan<char> line)
    {
        var trimmed = line.Trim();
        if (!trimmed.Contains('|') || !trimmed.Contains('-'))
        {
            return false;
        }

        foreach (var c in trimmed)
        {
            if (c is not ('|' or '-' or ':' or ' ' or '\t'))
            {
                return false;
            }
        }

        return true;
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
