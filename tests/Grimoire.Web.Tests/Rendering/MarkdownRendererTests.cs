using Grimoire.Web.Rendering;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Grimoire.Web.Tests.Rendering;

public sealed class MarkdownRendererTests : IDisposable
{
    private readonly MarkdownRenderer renderer = new(Options.Create(new MarkdownRenderingOptions()));

    [Fact]
    public void Headings_emphasis_and_lists_render()
    {
        var body = RenderedHtml.Parse(renderer.Render("""
            # Title
            ## Section

            Some **bold** and *italic* and `inline code`.

            - one
            - two

            1. first
            2. second
            """).Value);

        Assert.Equal("Title", body.QuerySelector("h1")?.TextContent);
        Assert.Equal("Section", body.QuerySelector("h2")?.TextContent);
        Assert.Equal("bold", body.QuerySelector("p strong")?.TextContent);
        Assert.Equal("italic", body.QuerySelector("p em")?.TextContent);
        Assert.Equal("inline code", body.QuerySelector("p code")?.TextContent);
        Assert.Equal(["one", "two"], body.QuerySelectorAll("ul > li").Select(li => li.TextContent));
        Assert.Equal(["first", "second"], body.QuerySelectorAll("ol > li").Select(li => li.TextContent));
        // Heading ids could clobber page elements: none are generated.
        Assert.Empty(body.QuerySelectorAll("[id]"));
    }

    [Fact]
    public void Pipe_tables_render_with_alignment()
    {
        var body = RenderedHtml.Parse(renderer.Render("""
            | Model | Cost |
            |:------|-----:|
            | small | $0.01 |
            | large | $1.00 |
            """).Value);

        Assert.Equal(["Model", "Cost"], body.QuerySelectorAll("table thead th").Select(th => th.TextContent));
        Assert.Equal(2, body.QuerySelectorAll("table tbody tr").Length);
        Assert.Equal("$1.00", body.QuerySelectorAll("table tbody tr")[1].QuerySelectorAll("td")[1].TextContent);
        Assert.Contains("right", body.QuerySelectorAll("table tbody td")[1].GetAttribute("style") ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public void Code_fence_keeps_its_language_and_gets_exactly_one_copy_button()
    {
        var body = RenderedHtml.Parse(renderer.Render("""
            Intro with `inline` code.

            ```csharp
            var x = "<b>" + 1;
            ```
            """).Value);

        var code = Assert.Single(body.QuerySelectorAll("pre > code"));
        Assert.Contains("language-csharp", code.ClassList);
        Assert.Equal("var x = \"<b>\" + 1;\n", code.TextContent);
        var block = Assert.Single(body.QuerySelectorAll(".md-code-block"));
        var button = Assert.Single(body.QuerySelectorAll("button"));
        Assert.True(button.HasAttribute("data-copy-code"));
        Assert.Equal("button", button.GetAttribute("type"));
        Assert.Same(block, button.Closest(".md-code-block"));
        Assert.Equal("csharp", block.QuerySelector(".md-code-language")?.TextContent);
    }

    [Fact]
    public void Every_code_block_gets_its_own_copy_button()
    {
        var body = RenderedHtml.Parse(renderer.Render("""
            ```python
            print(1)
            ```

            - item

                  indented code

            ```
            plain
            ```
            """).Value);

        Assert.Equal(3, body.QuerySelectorAll("pre").Length);
        Assert.Equal(3, body.QuerySelectorAll("button[data-copy-code]").Length);
        Assert.All(body.QuerySelectorAll("pre"), pre => Assert.Equal(1, pre.ParentElement!.QuerySelectorAll("button").Length));
    }

    [Fact]
    public void Links_open_in_a_new_tab_without_referrer_or_opener()
    {
        var body = RenderedHtml.Parse(renderer.Render("See [the docs](https://learn.microsoft.com/dotnet) and https://example.com.").Value);

        var links = body.QuerySelectorAll("a");
        Assert.Equal(2, links.Length);
        Assert.All(links, a =>
        {
            Assert.Equal("noopener noreferrer nofollow", a.GetAttribute("rel"));
            Assert.Equal("_blank", a.GetAttribute("target"));
        });
        Assert.Equal("https://learn.microsoft.com/dotnet", links[0].GetAttribute("href"));
    }

    [Fact]
    public void Relative_links_lose_their_target_but_keep_their_text()
    {
        var body = RenderedHtml.Parse(renderer.Render("[sign out](/account/signout)").Value);

        var link = Assert.Single(body.QuerySelectorAll("a"));
        Assert.False(link.HasAttribute("href"));
        Assert.Equal("sign out", link.TextContent);
    }

    [Fact]
    public void Task_lists_render_as_disabled_checkboxes()
    {
        var body = RenderedHtml.Parse(renderer.Render("- [x] done\n- [ ] todo").Value);

        var boxes = body.QuerySelectorAll("input[type=checkbox]");
        Assert.Equal(2, boxes.Length);
        Assert.All(boxes, b => Assert.True(b.HasAttribute("disabled")));
        Assert.True(boxes[0].HasAttribute("checked"));
        Assert.False(boxes[1].HasAttribute("checked"));
    }

    [Fact]
    public void Strikethrough_renders_but_tildes_in_prose_stay_tildes()
    {
        var body = RenderedHtml.Parse(renderer.Render("~~old~~ takes ~5 to ~10 ms").Value);

        Assert.Equal("old", body.QuerySelector("del")?.TextContent);
        Assert.Empty(body.QuerySelectorAll("sub, sup"));
        Assert.Contains("~5 to ~10 ms", body.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_single_newline_is_a_line_break()
    {
        var body = RenderedHtml.Parse(renderer.Render("line one\nline two").Value);

        Assert.Single(body.QuerySelectorAll("p br"));
    }

    [Fact]
    public void Finished_renders_are_cached_by_content_and_live_renders_are_not()
    {
        var first = renderer.Render("Hello **world**").Value;
        var second = renderer.Render("Hello **world**").Value;
        Assert.Same(first, second);
        Assert.Equal(1, renderer.CachedCount);

        var live = renderer.RenderLive("Hello **wor");
        Assert.Contains("Hello", live.Value, StringComparison.Ordinal);
        Assert.Equal(1, renderer.CachedCount);

        renderer.Render("Something else");
        Assert.Equal(2, renderer.CachedCount);
    }

    [Fact]
    public void Cache_stays_within_its_size_limit()
    {
        using var small = new MarkdownRenderer(Options.Create(new MarkdownRenderingOptions { CacheSizeLimitChars = 1_000 }));

        for (var i = 0; i < 100; i++)
        {
            small.Render($"Message number {i} with some **bold** text to take up space.");
        }

        // Each entry is ~100 characters of HTML; a 1,000-character limit holds at most ten.
        Assert.InRange(small.CachedCount, 1, 10);
    }

    [Fact]
    public void Empty_content_renders_as_empty_markup()
    {
        Assert.Equal(string.Empty, renderer.Render(null).Value);
        Assert.Equal(string.Empty, renderer.RenderLive("").Value);
    }

    [Fact]
    public void AddGrimoireRendering_registers_one_renderer_and_a_clipboard_per_scope()
    {
        var services = new ServiceCollection();
        services.AddSingleton<Microsoft.JSInterop.IJSRuntime>(new Bunit.BunitJSInterop().JSRuntime);
        services.AddGrimoireRendering();
        using var provider = services.BuildServiceProvider(validateScopes: true);

        Assert.Same(provider.GetRequiredService<MarkdownRenderer>(), provider.GetRequiredService<MarkdownRenderer>());
        using var scopeA = provider.CreateScope();
        using var scopeB = provider.CreateScope();
        Assert.NotSame(scopeA.ServiceProvider.GetRequiredService<BrowserClipboard>(),
            scopeB.ServiceProvider.GetRequiredService<BrowserClipboard>());
    }

    public void Dispose() => renderer.Dispose();
}
