namespace Grimoire.Web.Security.Http;

/// <summary>
/// Set on a response that may be shown inside another site's frame (the LTI "opens in a new window" page, issue 15):
/// the security headers then send this Content-Security-Policy instead of the site's, and no <c>X-Frame-Options</c>.
/// Every other response keeps <c>DENY</c> / <c>frame-ancestors 'none'</c>.
/// </summary>
internal sealed record FrameableResponse(string ContentSecurityPolicy);
