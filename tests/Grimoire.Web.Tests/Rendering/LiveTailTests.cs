using System.Text;
using Grimoire.Web.Rendering;
using Microsoft.Extensions.Options;

namespace Grimoire.Web.Tests.Rendering;

/// <summary>
/// Issue 14 item 1 for tails that grow long on their own: a table, a paragraph without blank lines, one big code
/// block. Whatever the tail, the parts rendered so far must never be rendered again, and the text shown while it
/// streams must be the text of the finished message.
/// </summary>
public sealed class LiveTailTests : IDisposable
{
    private readonly MarkdownRenderer renderer = new(Options.Create(new MarkdownRenderingOptions()));

    [Fact]
    public void Issue14_a_long_table_streams_as_finished_rows_and_the_row_being_written()
    {
        var text = Table(rows: 40);
        var live = renderer.BeginLive();

        var parts = live.Parts(text[..text.IndexOf("| 31 |", StringComparison.Ordinal)] + "| 31 | Half a ro");

        var table = Assert.IsType<TableTail>(parts.Tail);
        Assert.Contains("<th", table.Head.Value, StringComparison.Ordinal);
        Assert.Equal(30, table.Rows.Sum(r => Count(r.Value, "<tr>")));
        Assert.Contains("Half a ro", table.Writing.Value, StringComparison.Ordinal);
        Assert.DoesNotContain("<td", table.Head.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Issue14_finished_rows_are_rendered_once_and_kept_as_the_same_markup()
    {
        var text = Table(rows: 10);
        var live = renderer.BeginLive();

        var first = Assert.IsType<TableTail>(live.Parts(text[..text.IndexOf("| 5 |", StringComparison.Ordinal)]).Tail);
        var second = Assert.IsType<TableTail>(live.Parts(text[..text.IndexOf("| 8 |", StringComparison.Ordinal)]).Tail);

        Assert.Equal(first.Rows, second.Rows.Take(first.Rows.Count)); // the same strings: the diff sends nothing for them
        Assert.Equal(7, second.Rows.Sum(r => Count(r.Value, "<tr>")));
        Assert.Equal(4, first.Rows.Sum(r => Count(r.Value, "<tr>")));
    }

    [Theory]
    [InlineData("table")]
    [InlineData("paragraph")]
    [InlineData("code")]
    [InlineData("mixed")]
    public void Issue14_every_prefix_shows_the_text_a_whole_render_of_that_prefix_shows(string shape)
    {
        var text = shape switch
        {
            "table" => Table(rows: 25),
            "paragraph" => Paragraph(sentences: 60),
            "code" => "```js\n" + string.Concat(Enumerable.Range(1, 60).Select(i => $"let x{i} = {i} * 2; // <b>{i}</b>\n")) + "```",
            _ => "# Title\n\n" + Paragraph(sentences: 30) + "\n\n" + Table(rows: 12) + "\n\nAfter the table.",
        };
        var live = renderer.BeginLive();

        for (var length = 1; length <= text.Length; length += 7)
        {
            var prefix = text[..length];
            var streamed = TextOf(live.Render(prefix).Value);
            var whole = TextOf(renderer.RenderLive(prefix).Value);
            Assert.Equal(Words(whole), Words(streamed));
        }
    }

    [Fact]
    public void Issue14_a_long_paragraph_streams_as_finished_sentences_and_the_one_being_written()
    {
        var text = Paragraph(sentences: 40);
        var live = renderer.BeginLive();

        var first = Assert.IsType<ParagraphTail>(live.Parts(text[..(text.Length / 2)]).Tail);
        var second = Assert.IsType<ParagraphTail>(live.Parts(text).Tail);

        Assert.NotEmpty(first.Stretches);
        Assert.Equal(first.Stretches, second.Stretches.Take(first.Stretches.Count));
        Assert.Equal("Yes.", second.Writing.Value); // only the word being written is rendered again
        Assert.Equal(0, live.StableRenders); // nothing became a top-level chunk: one paragraph, no blank line
    }

    [Fact]
    public void Issue14_an_unclosed_emphasis_is_never_cut_inside()
    {
        // Bold opens in the first sentence and closes much later: no cut may fall between, or the first stretch would
        // show literal asterisks the finished message does not.
        var plain = string.Join(' ', Enumerable.Repeat("A plain sentence without any markup in it.", 20));
        var text = "**" + plain + "** " + plain;
        var live = renderer.BeginLive();

        var parts = live.Parts(text);

        var tail = Assert.IsType<ParagraphTail>(parts.Tail);
        Assert.Contains("<strong>", tail.Stretches[0].Value, StringComparison.Ordinal);
        Assert.DoesNotContain("**", string.Concat(tail.Stretches.Select(s => s.Value)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("- a list item\n- and ano")]
    [InlineData("## A heading being writ")]
    [InlineData("> a quote being writ")]
    [InlineData("1. first\n2. sec")]
    public void Issue14_a_tail_that_is_not_a_paragraph_is_rendered_whole(string tail)
    {
        var live = renderer.BeginLive();

        Assert.IsType<MarkupTail>(live.Parts(tail).Tail);
    }

    [Fact]
    public void Issue14_a_word_that_could_start_a_block_is_never_cut_before()
    {
        var live = renderer.BeginLive();

        live.Parts("Count to\n2");
        live.Parts("Count to\n2. and then - more - words");
        var tail = Assert.IsType<ParagraphTail>(live.Parts("Count to\n2. and then - more - words and more").Tail);

        Assert.DoesNotContain(tail.Stretches, s => s.Value.StartsWith('2') || s.Value.StartsWith('-'));
        Assert.Contains("2. and then - more - words and", RenderedHtml.Parse(tail.Html()).TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Issue14_growing_text_sends_each_word_once()
    {
        var text = new GrowingText();

        var (first, growing1) = text.Split("The model thinks abo");
        var firstChunks = first.ToList();
        var (second, growing2) = text.Split("The model thinks about the question");

        Assert.Equal(["The model thinks "], firstChunks);
        Assert.Equal("abo", growing1);
        Assert.Equal(["The model thinks ", "about the "], second);
        Assert.Same(firstChunks[0], second[0]);
        Assert.Equal("question", growing2);
        Assert.Equal("Other", string.Concat(text.Split("Other").Chunks) + text.Split("Other").Growing); // replaced: starts over
    }

    [Fact]
    public void Issue14_a_table_that_ends_falls_back_to_rendering_the_tail_whole()
    {
        var live = renderer.BeginLive();

        var parts = live.Parts(Table(rows: 3) + "no pipe here\n");

        var html = parts.TailHtml();
        Assert.IsType<MarkupTail>(parts.Tail);
        Assert.Contains("no pipe here", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Issue14_code_lines_are_kept_between_updates()
    {
        var live = renderer.BeginLive();

        var first = Assert.IsType<OpenCodeBlock>(live.Parts("```\na\nb\nc").Tail);
        var second = Assert.IsType<OpenCodeBlock>(live.Parts("```\na\nb\nc\n\nd\ne").Tail);

        Assert.Equal(["a", "b"], first.Lines);
        Assert.Equal(["a", "b", "c", "", "d"], second.Lines);
        Assert.Same(first.Lines[0], second.Lines[0]);
        Assert.Equal("e", second.Writing);
    }

    public void Dispose() => renderer.Dispose();

    private static string Table(int rows)
    {
        var sb = new StringBuilder("| # | What | Effort |\n|---|:---|---:|\n");
        for (var i = 1; i <= rows; i++)
        {
            sb.Append("| ").Append(i).Append(" | Check *case* `").Append(i).Append("` carefully | ").Append(i % 5).Append(" |\n");
        }

        return sb.ToString();
    }

    private static string Paragraph(int sentences)
    {
        string[] pool = ["A small case shows the idea first.", "Each part gets a **name** before they combine.", "Edge cases matter: `empty`, one, many!", "Is measuring first honest? Yes."];
        return string.Join(' ', Enumerable.Range(0, sentences).Select(i => pool[i % pool.Length]));
    }

    /// <summary>The text a reader sees, without the code block's toolbar (its language label and copy button).</summary>
    private static string TextOf(string html)
    {
        var body = RenderedHtml.Parse(html);
        foreach (var toolbar in body.QuerySelectorAll(".md-code-header"))
        {
            toolbar.Remove();
        }

        return body.TextContent;
    }

    private static string Words(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static int Count(string text, string what)
    {
        var count = 0;
        for (var i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + what.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
