using Ganss.Xss;

namespace Grimoire.Web.Rendering;

/// <summary>
/// The allow-list for HTML rendered from untrusted Markdown (model output, student text, file content).
/// Only what the Markdown pipeline itself produces survives; everything else is removed.
/// </summary>
internal static class UntrustedHtmlPolicy
{
    private static readonly string[] Tags =
    [
        "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
        "ul", "ol", "li", "dl", "dt", "dd",
        "pre", "code", "em", "strong", "del", "s", "ins", "mark", "sub", "sup", "abbr",
        "a", "img",
        "table", "thead", "tbody", "tfoot", "tr", "th", "td", "col", "colgroup",
        // Task lists: the decorator keeps only disabled checkboxes.
        "input",
    ];

    private static readonly string[] Attributes =
    [
        "href", "title", "alt", "src", "class", "style", "start", "colspan", "rowspan", "type", "checked", "disabled",
    ];

    /// <summary>A sanitiser configured once; safe to share between threads as long as nobody reconfigures it.</summary>
    public static HtmlSanitizer CreateSanitizer()
    {
        var options = HtmlSanitizerOptions.Empty();
        options.AllowedTags.UnionWith(Tags);
        options.AllowedAttributes.UnionWith(Attributes);
        options.AllowedSchemes.UnionWith(["http", "https", "mailto"]);
        options.UriAttributes.UnionWith(["href", "src"]);
        // Markdig aligns table cells with inline style; nothing else may be styled.
        options.AllowedCssProperties.Add("text-align");
        options.AllowDataAttributes = false;
        options.AllowCssCustomProperties = false;

        return new HtmlSanitizer(options)
        {
            KeepChildNodes = true,
        };
    }
}
