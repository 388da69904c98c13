using System.Net;
using System.Text;
using Grimoire.Web.Security.Http;

namespace Grimoire.Web.Security.Lti;

/// <summary>
/// What a login initiation loaded inside the LMS's frame answers (issue 15 item 4): Grimoire opens in a new window.
/// Inside a frame, Grimoire's cookies are third-party cookies, which browsers block, so the login does not start
/// there; the page's button posts the same login initiation to a new top-level window, where the platform's authorize
/// step and the launch run first-party. The page holds no state, session or secret and its one action is the public
/// login URL, so any site may frame it (<c>frame-ancestors *</c>: a Canvas course is framed from the school's own
/// domain, not the issuer's); no script (an automatic <c>window.open</c> without a click is blocked as a pop-up).
/// Every other Grimoire response still refuses to be framed.
/// </summary>
internal static class LtiNewWindowPage
{
    /// <summary>
    /// The page's own policy: no script, its inline style, a form to this site, whose answer redirects to the
    /// platform's authorize URL (Chromium checks a form's redirects against <c>form-action</c> too).
    /// </summary>
    public static string Policy(string platformAuthorizeOrigin) =>
        $"default-src 'none'; style-src 'unsafe-inline'; form-action 'self' {platformAuthorizeOrigin}; base-uri 'none'; frame-ancestors *";

    /// <summary>True when the browser says this navigation is inside a frame (Fetch Metadata).</summary>
    public static bool IsFramed(HttpRequest request) =>
        request.Headers["Sec-Fetch-Dest"] is [var dest] && dest is "iframe" or "frame";

    public static IResult For(HttpContext http, Uri platformAuthorizeUrl, IReadOnlyDictionary<string, string> loginParameters)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(platformAuthorizeUrl);
        ArgumentNullException.ThrowIfNull(loginParameters);
        http.Features.Set(new FrameableResponse(Policy(platformAuthorizeUrl.GetLeftPart(UriPartial.Authority))));
        var fields = new StringBuilder();
        foreach (var (name, value) in loginParameters)
        {
            fields.Append("<input type=\"hidden\" name=\"").Append(WebUtility.HtmlEncode(name))
                .Append("\" value=\"").Append(WebUtility.HtmlEncode(value)).Append("\">");
        }

        var html = $$"""
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><title>Grimoire opens in a new window</title><meta name="viewport" content="width=device-width, initial-scale=1">
            <style>body{font-family:system-ui,sans-serif;margin:2rem}button{font-size:1.1rem;padding:.6rem 1.2rem}</style></head>
            <body>
            <main>
            <h1>Grimoire opens in a new window</h1>
            <p data-testid="lti-new-window">Your browser keeps Grimoire's sign-in out of pages embedded in your course, so Grimoire opens in its own window.</p>
            <form method="post" action="{{LtiEndpoints.LoginPath}}" target="_blank">
            {{fields}}
            <button type="submit" data-testid="lti-open-new-window">Open Grimoire in a new window</button>
            </form>
            </main>
            </body>
            </html>
            """;
        return Results.Content(html, "text/html; charset=utf-8");
    }
}
