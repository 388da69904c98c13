using Grimoire.Web.Rendering;
using Microsoft.Extensions.Options;

namespace Grimoire.Web.Tests.Rendering;

public sealed class LiveMarkdownTests : IDisposable
{
    private readonly MarkdownRenderer renderer = new(Options.Create(new MarkdownRenderingOptions()));

    [Fact]
    public void Streaming_paragraphs_render_like_the_whole_text()
    {
        const string text = "# Plan\n\nFirst **point**.\n\nSecond point with `code`.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n";
        var live = renderer.BeginLive();

        string? last = null;
        for (var i = 1; i <= text.Length; i++)
        {
            last = live.Render(text[..i]).Value;
        }

        Assert.Equal(renderer.Render(text).Value, last);
    }

    [Fact]
    public void The_stable_part_is_rendered_once_per_paragraph_not_once_per_update()
    {
        var live = renderer.BeginLive();
        var text = "First paragraph.\n\nSecond paragraph, still growing";

        foreach (var length in new[] { 20, 24, 28, text.Length })
        {
            live.Render(text[..length]);
        }

        Assert.Equal(1, live.StableRenders);

        var body = RenderedHtml.Parse(live.Render(text + " more.").Value);
        Assert.Equal(["First paragraph.", "Second paragraph, still growing more."], body.QuerySelectorAll("p").Select(p => p.TextContent));
        Assert.Equal(1, live.StableRenders);
    }

    [Theory]
    [InlineData("One.\n\nTwo", 6)]
    [InlineData("One.\n\n", 0)]
    [InlineData("One.\n\n  indented continuation", 0)]
    [InlineData("```\ncode\n\nmore code", 0)]
    [InlineData("```\ncode\n\n```\n\nAfter", 15)]
    [InlineData("Intro\n\n~~~py\na\n\nb\n~~~\n\nNext", 23)]
    [InlineData("No break at all", 0)]
    public void Splits_only_after_a_blank_line_outside_code_fences(string text, int expected) =>
        Assert.Equal(expected, LiveMarkdown.StableLength(text));

    [Fact]
    public void A_code_block_with_blank_lines_stays_one_block_while_streaming()
    {
        var live = renderer.BeginLive();

        var body = RenderedHtml.Parse(live.Render("Intro\n\n```csharp\nvar a = 1;\n\nvar b = 2;\n").Value);

        Assert.Single(body.QuerySelectorAll("pre"));
        Assert.Equal("var a = 1;\n\nvar b = 2;\n", body.QuerySelector("pre code.language-csharp")!.TextContent);
    }

    [Fact]
    public void Issue14_an_open_code_fence_streams_as_finished_lines_and_the_line_being_written()
    {
        var live = renderer.BeginLive();

        var parts = live.Parts("Intro\n\n```py evil\"x\nprint(1)\nprint(2)\npri");

        Assert.Single(parts.Stable);
        var code = Assert.IsType<OpenCodeBlock>(parts.Tail);
        Assert.Equal(("py", "pri"), (code.Language, code.Writing)); // the language is one safe word
        Assert.Equal(["print(1)", "print(2)"], code.Lines);
        Assert.Equal("", code.Before.Value);
    }

    [Fact]
    public void Issue14_stable_chunks_are_kept_and_each_is_rendered_once()
    {
        var live = renderer.BeginLive();
        var first = live.Parts("One.\n\nTwo.\n\nThr");
        var second = live.Parts("One.\n\nTwo.\n\nThree.\n\nFo");

        Assert.Equal(first.Stable, second.Stable.Take(first.Stable.Count));
        Assert.Equal(["<p>One.</p>\n<p>Two.</p>", "<p>Three.</p>"], second.Stable.Select(c => c.Value.Trim()));
        Assert.Equal(2, live.StableRenders); // "One. Two." once, then "Three." once: never the earlier chunk again
        Assert.Equal("<p>Fo</p>", second.TailHtml().Trim());
    }

    [Fact]
    public void Live_output_is_sanitised_too()
    {
        var live = renderer.BeginLive();

        var body = RenderedHtml.Parse(live.Render("Safe.\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)>").Value);

        Assert.Empty(body.QuerySelectorAll("img, script, a[href], [onerror]"));
    }

    public void Dispose() => renderer.Dispose();
}
