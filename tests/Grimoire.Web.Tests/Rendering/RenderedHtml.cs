using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Grimoire.Web.Tests.Rendering;

/// <summary>Parses renderer output the way a browser would, for assertions on elements and attributes.</summary>
internal static class RenderedHtml
{
    public static IElement Parse(string html)
    {
        var document = new HtmlParser().ParseDocument("<!DOCTYPE html><html><body></body></html>");
        var body = document.Body!;
        body.InnerHtml = html;
        return body;
    }
}
