using System.Security.Claims;
using Grimoire.Core.Accounts;
using Microsoft.AspNetCore.Authentication;

namespace Grimoire.Web.Security;

/// <summary>
/// The end of an OpenID Connect sign-in: the provider's validated claims (ID token and userinfo) become an
/// <see cref="ExternalIdentity"/>, <see cref="ExternalAccounts"/> decides who that is, and the provider's principal is
/// replaced by Grimoire's own claims. A refusal is a sentence on the sign-in page, never an exception page.
/// </summary>
internal static class OidcSignIn
{
    /// <summary>The authentication-method claim of a session that began at the OpenID Connect provider.</summary>
    public const string AuthenticationMethod = "oidc";

    /// <summary>Runs as <c>OnTicketReceived</c>: after the ID token and the userinfo answer are both merged in.</summary>
    public static async Task OnTicketReceivedAsync(TicketReceivedContext context, OidcOptions oidc)
    {
        // The return address was checked when the sign-in began; checked again here, where it is used.
        context.ReturnUri = SafeReturnUrl.Resolve(context.ReturnUri);

        var identity = ReadIdentity(context.Principal, oidc);
        var accounts = context.HttpContext.RequestServices.GetRequiredService<ExternalAccounts>();
        var result = identity is null
            ? ExternalSignIn.Refused(ExternalSignInRefusal.NoIdentity)
            : await accounts.SignInAsync(identity, context.HttpContext.RequestAborted);
        if (result.User is not { } user)
        {
            context.HandleResponse();
            context.Response.Redirect("/account/signin?error=" + ErrorCode(result.Refusal!.Value));
            return;
        }

        context.Principal = GrimoireClaims.CreatePrincipal(user, AuthenticationMethod);
        // The session keeps the ID token alone (for RP-initiated sign-out's id_token_hint); access and refresh tokens go.
        var idToken = context.Properties?.GetTokenValue("id_token");
        context.Properties?.StoreTokens(idToken is null ? [] : [new AuthenticationToken { Name = "id_token", Value = idToken }]);
    }

    /// <summary>The identity the provider vouched for, or null when it sent no issuer or subject.</summary>
    public static ExternalIdentity? ReadIdentity(ClaimsPrincipal? principal, OidcOptions oidc)
    {
        ArgumentNullException.ThrowIfNull(oidc);
        var issuer = principal?.FindFirstValue("iss");
        var subject = principal?.FindFirstValue("sub");
        if (principal is null || string.IsNullOrEmpty(issuer) || string.IsNullOrEmpty(subject))
        {
            return null;
        }

        var email = principal.FindFirstValue(oidc.EmailClaim) ?? principal.FindFirstValue(ClaimTypes.Email);
        // A JSON true arrives as "true" from the ID token and "True" from userinfo; some providers send the string.
        bool? verified = bool.TryParse(principal.FindFirstValue(oidc.EmailVerifiedClaim), out var value) ? value : null;
        return new ExternalIdentity(issuer, subject, email, verified, principal.FindFirstValue("name"), principal.FindFirstValue("given_name"));
    }

    /// <summary>The sign-in page's <c>error</c> code for each refusal (the page holds the sentences).</summary>
    public static string ErrorCode(ExternalSignInRefusal refusal) => refusal switch
    {
        ExternalSignInRefusal.NoEmail => "no-email",
        ExternalSignInRefusal.EmailNotVerified => "email-unverified",
        ExternalSignInRefusal.DomainNotAllowed => "email-domain",
        ExternalSignInRefusal.AccountBoundToAnotherIdentity => "account-bound",
        _ => "provider",
    };
}
