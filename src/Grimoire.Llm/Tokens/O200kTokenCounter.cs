using System.Collections.Concurrent;
using Microsoft.ML.Tokenizers;

namespace Grimoire.Llm.Tokens;

/// <summary>
/// o200k token counts, cached per paragraph: typing in a long system prompt re-counts only the paragraph that
/// changed. The sum over paragraphs can differ from a whole-text count by a token or two per boundary; it is an
/// estimate either way. Thread-safe; the cache is bounded.
/// </summary>
internal sealed class O200kTokenCounter : ITokenCounter
{
    private const int MaxCachedParagraphs = 4096;
    private const int MinCachedLength = 32;

    private readonly Lazy<Tokenizer> tokenizer = new(() => TiktokenTokenizer.CreateForEncoding("o200k_base"));
    private readonly ConcurrentDictionary<string, int> paragraphs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> lookup;

    public O200kTokenCounter()
    {
        lookup = this.paragraphs.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public string EncodingName => "o200k_base";

    public int CountTokens(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return 0;
        }

        var total = 0;
        var rest = text.AsSpan();
        while (!rest.IsEmpty)
        {
            var cut = rest.IndexOf("\n\n");
            var length = cut < 0 ? rest.Length : cut + 2;
            total += CountParagraph(rest[..length]);
            rest = rest[length..];
        }

        return total;
    }

    /// <summary>Counts without the cache (the reference the cached count is compared with).</summary>
    internal int CountWhole(string text) => tokenizer.Value.CountTokens(text);

    private int CountParagraph(ReadOnlySpan<char> paragraph)
    {
        if (paragraph.Length < MinCachedLength)
        {
            return tokenizer.Value.CountTokens(paragraph);
        }

        if (lookup.TryGetValue(paragraph, out var cached))
        {
            return cached;
        }

        var count = tokenizer.Value.CountTokens(paragraph);
        if (this.paragraphs.Count >= MaxCachedParagraphs)
        {
            this.paragraphs.Clear();
        }

        lookup.TryAdd(paragraph, count);
        return count;
    }
}
