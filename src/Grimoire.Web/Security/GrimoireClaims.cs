using System.Security.Claims;
using Grimoire.Core.Accounts;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Grimoire.Web.Security;

/// <summary>The claims Grimoire puts in its sign-in cookie, and how to read them back.</summary>
public static class GrimoireClaims
{
    public const string FirstName = "grimoire:first_name";
    public const string SiteAdmin = "grimoire:site_admin";

    public static ClaimsPrincipal CreatePrincipal(User user, string authenticationMethod)
    {
        ArgumentNullException.ThrowIfNull(user);
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id.ToString()),
            new(ClaimTypes.Name, user.DisplayName),
            new(ClaimTypes.Email, user.Email),
            new(FirstName, user.FirstName),
            new(ClaimTypes.AuthenticationMethod, authenticationMethod),
        };
        if (user.IsSiteAdmin)
        {
            claims.Add(new Claim(SiteAdmin, "true"));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
    }

    /// <summary>The signed-in user's id, or null for anonymous.</summary>
    public static Guid? GetUserId(this ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
    }

    public static bool IsSiteAdmin(this ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return principal.HasClaim(SiteAdmin, "true");
    }
}
