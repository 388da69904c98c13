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

            if (await ReadValidFormAsync(http, antiforgery) is not { } form)
            {
                return Results.BadRequest("This sign-in form has expired or could not be read. Go back, reload the page and try again.");
            }

            var email = form["email"].ToString();
            if (string.IsNullOrWhiteSpace(email) || await users.RecordDemoSignInAsync(email, http.RequestAborted) is not { } user)
            {
                return Results.LocalRedirect("/account/signin?error=unknown-user");
            }

            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, GrimoireClaims.CreatePrincipal(user, "dev"));
            var returnUrl = form["returnUrl"];
            return Results.LocalRedirect(SafeReturnUrl.Resolve(returnUrl.Count == 1 ? returnUrl[0] : null));
        });

        account.MapGet("/oidc-signin", (string? returnUrl, IOptions<AuthOptions> options) =>
            options.Value.OidcEnabled
                ? Results.Challenge(new AuthenticationProperties { RedirectUri = SafeReturnUrl.Resolve(returnUrl) }, [AuthenticationSetup.OidcScheme])
                : Results.NotFound());

        account.MapPost("/signout", async (HttpContext http, IAntiforgery antiforgery, IOptions<AuthOptions> options) =>
        {
            if (await ReadValidFormAsync(http, antiforgery) is null)
            {
                return Results.BadRequest("This sign-out form has expired. Reload the page and try again.");
            }

            var fromProvider = http.User.FindFirst(System.Security.Claims.ClaimTypes.AuthenticationMethod)?.Value == OidcSignIn.AuthenticationMethod;
            if (fromProvider && options.Value.OidcEnabled)
            {
                // A session that began at the OpenID Connect provider ends there too (RP-initiated logout, X9): the
                // handler reads the session's ID token (id_token_hint) before the cookie goes, then sends the browser
                // to the provider's end-session endpoint, which returns it to the signed-out page.
                return Results.SignOut(
                    new AuthenticationProperties { RedirectUri = "/account/signin?signedOut=true" },
                    [AuthenticationSetup.OidcScheme, CookieAuthenticationDefaults.AuthenticationScheme]);
            }

            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.LocalRedirect("/account/signin?signedOut=true");
        });

        return endpoints;
    }

    /// <summary>
    /// The posted form when its antiforgery token is valid; null when it is stale, forged or unreadable (a form value
    /// with a NUL character, a body that is not a form): a message for the person, never an error page.
    /// </summary>
    private static async Task<IFormCollection?> ReadValidFormAsync(HttpContext http, IAntiforgery antiforgery)
    {
        try
        {
            return await antiforgery.IsRequestValidAsync(http) ? await http.Request.ReadFormAsync(http.RequestAborted) : null;
        }
        catch (Exception ex) when (ex is AntiforgeryValidationException or InvalidDataException or BadHttpRequestException)
        {
            return null;
        }
    }
}
