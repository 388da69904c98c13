using Grimoire.Llm.Tokens;

namespace Grimoire.Llm.Tests.Tokens;

public sealed class TokenCounterTests
{
    private static readonly O200kTokenCounter Counter = new();

    [Fact]
    public void Counts_known_text()
    {
        Assert.Equal(0, Counter.CountTokens(""));
        Assert.Equal(0, Counter.CountTokens(null));
        Assert.Equal(Counter.CountWhole("Hello, world!"), Counter.CountTokens("Hello, world!"));
        Assert.InRange(Counter.CountTokens("Hello, world!"), 3, 5);
    }

    [Fact]
    public void Paragraph_cached_count_stays_within_a_token_per_paragraph_of_the_whole_count()
    {
        var paragraphs = Enumerable.Range(0, 50).Select(i => $"Paragraph {i}: the student asks how recursion works and why a base case matters for termination.");
        var text = string.Join("\n\n", paragraphs);

        var cached = Counter.CountTokens(text);
        var again = Counter.CountTokens(text);

        Assert.Equal(cached, again);
        Assert.InRange(cached, Counter.CountWhole(text) - 50, Counter.CountWhole(text) + 50);
    }

    [Fact]
    public void Editing_one_paragraph_changes_the_count_by_that_paragraphs_difference()
    {
        var before = "First paragraph is long enough to be cached by the counter.\n\nSecond paragraph also long enough to be cached.";
        var after = before.Replace("Second paragraph", "Second, much longer and edited paragraph", StringComparison.Ordinal);

        var delta = Counter.CountTokens(after) - Counter.CountTokens(before);

        Assert.Equal(
            Counter.CountWhole("Second, much longer and edited paragraph also long enough to be cached.") - Counter.CountWhole("Second paragraph also long enough to be cached."),
            delta);
    }
}
