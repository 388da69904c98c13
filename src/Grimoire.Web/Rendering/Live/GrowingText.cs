namespace Grimoire.Web.Rendering;

/// <summary>
/// Plain text that only grows (a model's thinking while it streams), cut into chunks that never change again and the
/// end that is still growing. Rendered as one text frame per chunk, a render batch carries the growing end only
/// (issue 14 item 1), where one text frame would carry the whole text on every update. Each update's new text up to
/// its last whitespace becomes one chunk; only the word being written is sent again.
/// </summary>
public sealed class GrowingText
{
    private readonly List<string> chunks = [];
    private string source = string.Empty;
    private int consumed;

    /// <summary>The finished chunks (the same strings as last time) and the end still growing.</summary>
    public (IReadOnlyList<string> Chunks, string Growing) Split(string? text)
    {
        text ??= string.Empty;
        if (text.Length < consumed || !text.AsSpan(0, consumed).SequenceEqual(source.AsSpan(0, consumed)))
        {
            chunks.Clear(); // replaced rather than extended
            consumed = 0;
        }

        source = text;
        var cut = text.AsSpan(consumed).LastIndexOfAny(' ', '\n');
        if (cut >= 0)
        {
            chunks.Add(text[consumed..(consumed + cut + 1)]);
            consumed += cut + 1;
        }

        return (chunks, text[consumed..]);
    }
}
