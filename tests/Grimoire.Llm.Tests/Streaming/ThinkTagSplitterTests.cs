using Grimoire.Llm.ChatCompletions;

namespace Grimoire.Llm.Tests.Streaming;

public sealed class ThinkTagSplitterTests
{
    private const string Stream = "<think>\nweighing options</think>\n\nThe answer.";

    [Fact]
    public void Any_split_point_gives_the_same_thinking_and_text()
    {
        for (var a = 0; a <= Stream.Length; a++)
        {
            for (var b = a; b <= Stream.Length; b++)
            {
                var (thinking, text) = Run(Stream[..a], Stream[a..b], Stream[b..]);
                Assert.Equal("\nweighing options", thinking);
                Assert.Equal("The answer.", text);
            }
        }
    }

    [Fact]
    public void Text_without_tags_passes_through_unchanged()
    {
        Assert.Equal(("", "<b>bold</b> and <thin ice>"), Run("<b>bold</b>", " and <thin ice>"));
        Assert.Equal(("", "  <thi"), Run("  <thi"));
    }

    private static (string Thinking, string Text) Run(params string[] pieces)
    {
        var splitter = new ThinkTagSplitter();
        string thinking = "", text = "";
        foreach (var piece in pieces.Where(p => p.Length > 0))
        {
            var (t, x) = splitter.Push(piece);
            thinking += t;
            text += x;
        }

        var (ft, fx) = splitter.Flush();
        return (thinking + ft, text + fx);
    }
}
