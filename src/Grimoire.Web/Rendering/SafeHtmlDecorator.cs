using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Grimoire.Web.Rendering;

/// <summary>
/// Runs on the already sanitised DOM and adds what is ours, not the author's: link hardening, copy buttons on code
/// blocks, images shown as links (a remote image would leak the reader's address and can exfiltrate data the model
/// was tricked into putting in its URL), and a strict filter on class names.
/// </summary>
internal static partial class SafeHtmlDecorator
{
    public const string CopyButtonAttribute = "data-copy-code";

    public static void Decorate(IHtmlDocument document)
    {
        var body = document.Body;
        if (body is null)
        {
            return;
        }

        foreach (var element in body.QuerySelectorAll("[class]").ToList())
        {
            FilterClasses(element);
        }

        foreach (var input in body.QuerySelectorAll("input").ToList())
        {
            KeepOnlyDisabledCheckbox(input);
        }

        foreach (var image in body.QuerySelectorAll("img").ToList())
        {
            ReplaceImageWithLink(document, image);
        }

        foreach (var link in body.QuerySelectorAll("a").ToList())
        {
            HardenLink(link);
        }

        foreach (var pre in body.QuerySelectorAll("pre").ToList())
        {
            AddCopyButton(document, pre);
        }
    }

    /// <summary>True for an absolute http(s) or mailto URL; anything relative or of another scheme is dropped.</summary>
    internal static bool IsSafeLink(string? href) =>
        Uri.TryCreate(href, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeMailto);

    private static void FilterClasses(IElement element)
    {
        var kept = element.ClassList.Where(c => AllowedClass().IsMatch(c)).ToList();
        if (kept.Count == 0)
        {
            element.RemoveAttribute("class");
            return;
        }

        element.SetAttribute("class", string.Join(' ', kept));
    }

    private static void KeepOnlyDisabledCheckbox(IElement input)
    {
        if (!string.Equals(input.GetAttribute("type"), "checkbox", StringComparison.OrdinalIgnoreCase))
        {
            input.Remove();
            return;
        }

        var isChecked = input.HasAttribute("checked");
        foreach (var attribute in input.Attributes.Select(a => a.Name).ToList())
        {
            input.RemoveAttribute(attribute);
        }

        input.SetAttribute("type", "checkbox");
        input.SetAttribute("disabled", "disabled");
        if (isChecked)
        {
            input.SetAttribute("checked", "checked");
        }
    }

    private static void ReplaceImageWithLink(IHtmlDocument document, IElement image)
    {
        var alt = image.GetAttribute("alt");
        var label = string.IsNullOrWhiteSpace(alt) ? "image" : $"image: {alt}";
        var src = image.GetAttribute("src");
        IElement replacement;
        if (IsSafeLink(src) && !src!.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
        {
            replacement = document.CreateElement("a");
            replacement.SetAttribute("href", src);
            replacement.SetAttribute("title", "Images from model output are not loaded; open it in a new tab");
        }
        else
        {
            replacement = document.CreateElement("span");
        }

        replacement.SetAttribute("class", "md-image");
        replacement.TextContent = $"[{label}]";
        image.Replace(replacement);
    }

    private static void HardenLink(IElement link)
    {
        if (!IsSafeLink(link.GetAttribute("href")))
        {
            link.RemoveAttribute("href");
            return;
        }

        link.SetAttribute("rel", "noopener noreferrer nofollow");
        link.SetAttribute("target", "_blank");
    }

    private static void AddCopyButton(IHtmlDocument document, IElement pre)
    {
        if (pre.Parent is not IElement parent || parent.ClassList.Contains("md-code-block"))
        {
            return;
        }

        var language = pre.QuerySelector("code")?.ClassList
            .FirstOrDefault(c => c.StartsWith("language-", StringComparison.Ordinal))?["language-".Length..];

        var block = document.CreateElement("div");
        block.SetAttribute("class", "md-code-block");

        var header = document.CreateElement("div");
        header.SetAttribute("class", "md-code-header");
        var languageLabel = document.CreateElement("span");
        languageLabel.SetAttribute("class", "md-code-language");
        languageLabel.TextContent = language ?? "text";
        var button = document.CreateElement("button");
        button.SetAttribute("type", "button");
        button.SetAttribute("class", "md-code-copy");
        button.SetAttribute(CopyButtonAttribute, "");
        button.SetAttribute("aria-label", "Copy code");
        button.SetAttribute("title", "Copy code");
        button.TextContent = "Copy";
        header.AppendChild(languageLabel);
        header.AppendChild(button);

        parent.ReplaceChild(block, pre);
        block.AppendChild(header);
        block.AppendChild(pre);
    }

    /// <summary>Language classes from fenced code blocks and Markdig's task-list classes; nothing else.</summary>
    [GeneratedRegex(@"^(language-[A-Za-z0-9_+#.\-]{1,40}|contains-task-list|task-list-item|task-list-item-checkbox)$")]
    private static partial Regex AllowedClass();
}
