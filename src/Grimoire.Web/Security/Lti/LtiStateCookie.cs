namespace Grimoire.Web.Security.Lti;

/// <summary>
/// Binds a login initiation to the browser that started it (X9; LTI 1.3 security framework §5.1.1.5): a cookie per
/// login, named after its state, set by <c>/lti/login</c> and required by <c>/lti/launch</c>. Without it, someone
/// could start a login, keep the platform's signed answer and make a victim's browser post it (login CSRF). The launch
/// is a cross-site form POST from the LMS, so only <c>SameSite=None</c> makes the browser send it, and None requires
/// <c>Secure</c> (browsers accept Secure cookies on http://localhost, which the fake platform uses). HttpOnly, scoped
/// to the launch path, ten minutes.
/// </summary>
internal static class LtiStateCookie
{
    private const string Prefix = "grimoire.lti.state.";

    public static void Set(HttpContext http, string state) =>
        http.Response.Cookies.Append(Prefix + state, "1", Options(DateTimeOffset.UtcNow + Core.Lti.LtiLoginStates.Lifetime));

    /// <summary>True when the browser brought this state's cookie back; the cookie is deleted either way.</summary>
    public static bool TakeMatches(HttpContext http, string state)
    {
        var matched = http.Request.Cookies.TryGetValue(Prefix + state, out var value) && value == "1";
        http.Response.Cookies.Delete(Prefix + state, Options(null));
        return matched;
    }

    private static CookieOptions Options(DateTimeOffset? expires) => new()
    {
        HttpOnly = true,
        Secure = true,
        SameSite = SameSiteMode.None,
        Path = LtiEndpoints.LaunchPath,
        Expires = expires,
        IsEssential = true,
    };
}
