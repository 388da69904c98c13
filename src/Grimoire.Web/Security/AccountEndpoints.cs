using Grimoire.Core.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Grimoire.Web.Security;

/// <summary>Sign-in and sign-out are plain HTTP endpoints: cookies cannot be set from an interactive circuit.</summary>
internal static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var account = endpoints.MapGroup("/account");

        account.MapPost("/dev-signin", async (
            [FromForm] string email,
            [FromForm] string? returnUrl,
            HttpContext http,
            IOptions<AuthOptions> options,
            UserDirectory users,
            CancellationToken cancellationToken) =>
        {
            if (!options.Value.DevSignIn)
            {
                return Results.NotFound();
            }

            if (string.IsNullOrWhiteSpace(email) || await users.FindByEmailAsync(email, cancellationToken) is null)
            {
                return Results.Redirect("/account/signin?error=unknown-user");
            }

            var user = await users.RecordSignInAsync(email, null, null, cancellationToken);
            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, GrimoireClaims.CreatePrincipal(user, "dev"));
            return Results.LocalRedirect(SafeReturnUrl(returnUrl));
        });

        account.MapGet("/oidc-signin", (string? returnUrl, IOptions<AuthOptions> options) =>
            options.Value.OidcEnabled
                ? Results.Challenge(new AuthenticationProperties { RedirectUri = SafeReturnUrl(returnUrl) }, [AuthenticationSetup.OidcScheme])
                : Results.NotFound());

        // [FromForm] makes the endpoint validate the antiforgery token the sign-out form carries.
        account.MapPost("/signout", async ([FromForm] string? returnUrl, HttpContext http) =>
        {
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
