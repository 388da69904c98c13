using AngleSharp.Html.Parser;
using Ganss.Xss;

namespace Grimoire.Core.Annotation.Snapshot;

/// <summary>
/// The allow-list for an annotation document and the one definition of its text. Everything a snapshot shows passes
/// <see cref="Sanitize"/> once, when it is written; the stored result is what the page renders and what offsets
/// count in.
/// </summary>
/// <remarks>
/// <b>Offsets</b>: a document's text is the concatenation of all its text nodes, in document order, after parsing
/// its HTML with the HTML5 algorithm (what <c>Node.textContent</c> returns in a browser for an element whose
/// <c>innerHTML</c> is the document). Offsets count UTF-16 code units of that text, as JavaScript strings do: an
/// emoji outside the Basic Multilingual Plane counts 2, "é" precomposed counts 1. The browser module
/// (wwwroot/js/annotation.js) counts the same way; tests over fixtures check that both agree.
/// </remarks>
public static class DocumentHtml
{
    private static readonly HtmlParser Parser = new();

    private static readonly string[] Tags =
    [
        "article", "section", "header", "footer", "div", "span", "details", "summary",
        "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
        "ul", "ol", "li", "dl", "dt", "dd",
        "pre", "code", "em", "strong", "del", "s", "ins", "mark", "sub", "sup", "abbr",
        "a", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "col", "colgroup", "input", "button",
    ];

    private static readonly string[] Attributes =
    [
        "href", "title", "class", "style", "start", "colspan", "rowspan", "type", "checked", "disabled", "rel", "target",
        "aria-label",
    ];

    /// <summary>A fresh sanitiser (cheap); images are left out: a snapshot never loads anything.</summary>
    private static HtmlSanitizer CreateSanitizer()
    {
        var options = HtmlSanitizerOptions.Empty();
        options.AllowedTags.UnionWith(Tags);
        options.AllowedAttributes.UnionWith(Attributes);
        options.AllowedSchemes.UnionWith(["http", "https", "mailto"]);
        options.UriAttributes.UnionWith(["href"]);
        options.AllowedCssProperties.Add("text-align");
        // data-* carry the per-message metadata (AC5.2); their values are inert text.
        options.AllowDataAttributes = true;
        options.AllowCssCustomProperties = false;
        return new HtmlSanitizer(options) { KeepChildNodes = true };
    }

    public static string Sanitize(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        return CreateSanitizer().Sanitize(html);
    }

    /// <summary>The text offsets count in (see remarks on <see cref="DocumentHtml"/>).</summary>
    public static string TextOf(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        using var document = Parser.ParseDocument("<!DOCTYPE html><html><head></head><body>" + html + "</body></html>");
        return document.Body?.TextContent ?? "";
    }
}
