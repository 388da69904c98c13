using AngleSharp.Dom;
using Grimoire.Web.Rendering;
using Microsoft.Extensions.Options;

namespace Grimoire.Web.Tests.Rendering;

/// <summary>
/// The spec's "no script from a model runs": every payload in <c>xss-corpus.txt</c>, rendered as Markdown and also
/// fed as raw HTML to the sanitising stage, leaves no script, no event handler, no script or data URL.
/// </summary>
public sealed class XssCorpusTests : IDisposable
{
    // Everything the renderer may emit: the sanitiser's allow-list (minus img, which becomes a link) plus our
    // own code-block wrapper, button and image placeholder.
    private static readonly HashSet<string> AllowedElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "li", "dl", "dt", "dd",
        "pre", "code", "em", "strong", "del", "s", "ins", "mark", "sub", "sup", "abbr", "a",
        "table", "thead", "tbody", "tfoot", "tr", "th", "td", "col", "colgroup", "input",
        "div", "span", "button",
    };

    private static readonly string[] ForbiddenSchemes = ["javascript:", "vbscript:", "data:"];

    private readonly MarkdownRenderer renderer = new(Options.Create(new MarkdownRenderingOptions()));

    public static TheoryData<string> Payloads => XssCorpus.Payloads();

    [Fact]
    public void The_corpus_holds_at_least_forty_payloads() =>
        Assert.True(XssCorpus.Load().Count >= 40, $"Only {XssCorpus.Load().Count} payloads in the corpus.");

    [Theory]
    [MemberData(nameof(Payloads))]
    public void Payload_rendered_as_markdown_leaves_nothing_executable(string payload) =>
        AssertInert(renderer.Render(payload).Value, payload);

    [Theory]
    [MemberData(nameof(Payloads))]
    public void Payload_as_raw_html_is_neutralised_by_the_sanitiser_on_its_own(string payload) =>
        AssertInert(renderer.SanitizeAndDecorate(payload), payload);

    [Fact]
    public void Raw_html_in_markdown_is_shown_as_text_not_dropped()
    {
        var body = RenderedHtml.Parse(renderer.Render("What does <script>alert(1)</script> do?").Value);

        Assert.Empty(body.QuerySelectorAll("script"));
        Assert.Contains("<script>alert(1)</script>", body.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Remote_images_are_not_loaded_but_offered_as_a_link()
    {
        var body = RenderedHtml.Parse(renderer.Render("![chart](https://example.com/chart.png)").Value);

        Assert.Empty(body.QuerySelectorAll("img"));
        var link = Assert.Single(body.QuerySelectorAll("a"));
        Assert.Equal("https://example.com/chart.png", link.GetAttribute("href"));
        Assert.Contains("image: chart", link.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Forged_copy_buttons_and_our_class_names_do_not_survive_from_raw_html()
    {
        var body = RenderedHtml.Parse(renderer.SanitizeAndDecorate(
            "<button data-copy-code class=\"md-code-copy\">Copy</button><div class=\"md-code-block evil\">x</div>"));

        Assert.Empty(body.QuerySelectorAll("button"));
        Assert.Empty(body.QuerySelectorAll("[data-copy-code]"));
        Assert.Empty(body.QuerySelectorAll(".md-code-block, .evil"));
    }

    private static void AssertInert(string html, string payload)
    {
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        var body = RenderedHtml.Parse(html);
        var elements = body.QuerySelectorAll("*").ToList();
        var preCount = elements.Count(e => e.LocalName == "pre");

        foreach (var element in elements)
        {
            Assert.True(AllowedElements.Contains(element.LocalName),
                $"<{element.LocalName}> survived from payload: {payload}\n{html}");
            foreach (var attribute in element.Attributes)
            {
                AssertInertAttribute(element, attribute, payload, html);
            }

            if (element.LocalName == "button")
            {
                // Only ours: one per code block, added after sanitising.
                Assert.True(element.HasAttribute("data-copy-code"), $"Foreign button from payload: {payload}\n{html}");
            }

            if (element.LocalName == "input")
            {
                Assert.Equal("checkbox", element.GetAttribute("type"));
                Assert.True(element.HasAttribute("disabled"));
            }
        }

        Assert.Equal(preCount, body.QuerySelectorAll("button[data-copy-code]").Length);
    }

    private static void AssertInertAttribute(IElement element, IAttr attribute, string payload, string html)
    {
        var context = $"<{element.LocalName} {attribute.Name}=\"{attribute.Value}\"> from payload: {payload}\n{html}";
        Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), "Event handler: " + context);
        Assert.NotEqual("formaction", attribute.Name, StringComparer.OrdinalIgnoreCase);
        Assert.NotEqual("srcdoc", attribute.Name, StringComparer.OrdinalIgnoreCase);

        // Browsers ignore whitespace and control characters inside a scheme: compare without them.
        var squeezed = new string(attribute.Value.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)).ToArray());
        foreach (var scheme in ForbiddenSchemes)
        {
            Assert.False(squeezed.StartsWith(scheme, StringComparison.OrdinalIgnoreCase), $"{scheme} URL: " + context);
        }

        if (attribute.Name is "href" or "src")
        {
            Assert.True(Uri.TryCreate(attribute.Value, UriKind.Absolute, out var uri)
                && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeMailto),
                "Non-web URL: " + context);
        }

        if (attribute.Name == "style")
        {
            Assert.Matches(@"^text-align:\s*(left|right|center|justify);?$", attribute.Value);
        }

        if (attribute.Name == "class")
        {
            Assert.All(attribute.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries), c =>
                Assert.Matches(@"^(language-[A-Za-z0-9_+#.\-]+|contains-task-list|task-list-item|task-list-item-checkbox|md-code-block|md-code-header|md-code-language|md-code-copy|md-image)$", c));
        }
    }

    public void Dispose() => renderer.Dispose();
}
