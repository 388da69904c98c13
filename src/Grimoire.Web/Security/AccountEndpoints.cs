using Grimoire.Core.Accounts;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace Grimoire.Web.Security;

/// <summary>
/// Sign-in and sign-out are plain HTTP endpoints: cookies cannot be set from an interactive circuit. Forms are
/// checked for their antiforgery token here, so a stale or forged form is a message, not an error page.
/// </summary>
internal static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var account = endpoints.MapGroup("/account");

        account.MapPost("/dev-signin", async (
            HttpContext http, IAntiforgery antiforgery, IOptions<AuthOptions> options, UserDirectory users) =>
        {
            if (!options.Value.DevSignIn)
            {
                return Results.NotFound();
            }

            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return Results.BadRequest("This sign-in form has expired. Go back, reload the page and try again.");
            }

            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            var email = form["email"].ToString();
            if (string.IsNullOrWhiteSpace(email) || await users.FindByEmailAsync(email, http.RequestAborted) is null)
            {
                return Results.LocalRedirect("/account/signin?error=unknown-user");
            }

            var user = await users.RecordSignInAsync(email, null, null, http.RequestAborted);
            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, GrimoireClaims.CreatePrincipal(user, "dev"));
            return Results.LocalRedirect(SafeReturnUrl(form["returnUrl"]));
        });

        account.MapGet("/oidc-signin", (string? returnUrl, IOptions<AuthOptions> options) =>
            options.Value.OidcEnabled
                ? Results.Challenge(new AuthenticationProperties { RedirectUri = SafeReturnUrl(returnUrl) }, [AuthenticationSetup.OidcScheme])
                : Results.NotFound());

        account.MapPost("/signout", async (HttpContext http, IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return Results.BadRequest("This sign-out form has expired. Reload the page and try again.");
            }

            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.LocalRedirect("/account/signin?signedOut=true");
        });

        return endpoints;
    }

    /// <summary>Only ever redirect within this site.</summary>
    internal static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl[0] == '/' && !returnUrl.StartsWith("//", StringComparison.Ordinal)
            && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : "/playground";
}
