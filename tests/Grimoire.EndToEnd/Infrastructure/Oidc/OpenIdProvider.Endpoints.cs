using System.Net;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;

namespace Grimoire.EndToEnd.Infrastructure.Oidc;

/// <summary>The provider's pages: its login page, the authorize, userinfo and end-session passthroughs.</summary>
public sealed partial class OpenIdProvider
{
    private const string SessionScheme = "provider-session";
    private const string OpenIddictScheme = OpenIddictServerAspNetCoreDefaults.AuthenticationScheme;

    private void MapEndpoints(WebApplication web)
    {
        // Before OpenIddict (it answers the token endpoint from the authentication middleware).
        web.Use(TamperTokenResponseAsync);
        web.UseAuthentication();

        // Chromium asks every site for one; a 404 would count as a page error in the tests.
        web.MapGet("/favicon.ico", () => Results.NoContent());
        web.MapGet("/login", (string? returnUrl) => Results.Content(LoginPage(returnUrl ?? "/"), "text/html"));
        web.MapPost("/login", async (HttpContext http) =>
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            var subject = form["subject"].ToString();
            if (!people.ContainsKey(subject))
            {
                return Results.BadRequest("Unknown person.");
            }

            await http.SignInAsync(SessionScheme, new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", subject)], SessionScheme)));
            var returnUrl = form["returnUrl"].ToString();
            return Results.Redirect(returnUrl.StartsWith('/') ? returnUrl : "/");
        });
        web.MapGet("/session", async (HttpContext http) =>
        {
            var session = await http.AuthenticateAsync(SessionScheme);
            return Results.Content(session.Succeeded ? "signed in as " + session.Principal!.FindFirstValue("sub") : "no session", "text/plain");
        });

        web.MapMethods("/connect/authorize", ["GET", "POST"], async (HttpContext http) =>
        {
            var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
            var session = await http.AuthenticateAsync(SessionScheme);
            if (!session.Succeeded || !people.TryGetValue(session.Principal!.FindFirstValue("sub") ?? "", out var person))
            {
                return Results.Redirect("/login?returnUrl=" + Uri.EscapeDataString(http.Request.Path + http.Request.QueryString));
            }

            var identity = new ClaimsIdentity(OpenIddictScheme, OpenIddictConstants.Claims.Name, OpenIddictConstants.Claims.Role);
            identity.AddClaim(new Claim(OpenIddictConstants.Claims.Subject, person.Subject));
            identity.AddClaim(new Claim(OpenIddictConstants.Claims.Email, person.Email));
            identity.AddClaim(new Claim(OpenIddictConstants.Claims.EmailVerified, person.EmailVerified ? "true" : "false", ClaimValueTypes.Boolean));
            identity.AddClaim(new Claim(OpenIddictConstants.Claims.Name, person.Name));
            var principal = new ClaimsPrincipal(identity);
            principal.SetScopes(request.GetScopes());
            foreach (var claim in identity.Claims)
            {
                claim.SetDestinations(OpenIddictConstants.Destinations.AccessToken, OpenIddictConstants.Destinations.IdentityToken);
            }

            return Results.SignIn(principal, authenticationScheme: OpenIddictScheme);
        });

        web.MapMethods("/connect/userinfo", ["GET", "POST"], async (HttpContext http) =>
        {
            var token = await http.AuthenticateAsync(OpenIddictScheme);
            if (token.Principal?.FindFirstValue(OpenIddictConstants.Claims.Subject) is not { } subject || !people.TryGetValue(subject, out var person))
            {
                return Results.Challenge(authenticationSchemes: [OpenIddictScheme]);
            }

            return Results.Json(new Dictionary<string, object>
            {
                ["sub"] = person.Subject,
                ["email"] = person.Email,
                ["email_verified"] = person.EmailVerified,
                ["name"] = person.Name,
            });
        });

        web.MapMethods("/connect/endsession", ["GET", "POST"], async (HttpContext http) =>
        {
            await http.SignOutAsync(SessionScheme);
            Interlocked.Increment(ref endedSessions);
            return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictScheme]);
        });
    }

    private string LoginPage(string returnUrl)
    {
        var html = new StringBuilder("<!doctype html><html><head><title>University sign-in</title></head><body><h1>University sign-in</h1>");
        foreach (var person in people.Values.OrderBy(p => p.Subject, StringComparer.Ordinal))
        {
            html.Append("<form method=\"post\" action=\"/login\">")
                .Append("<input type=\"hidden\" name=\"subject\" value=\"").Append(WebUtility.HtmlEncode(person.Subject)).Append("\">")
                .Append("<input type=\"hidden\" name=\"returnUrl\" value=\"").Append(WebUtility.HtmlEncode(returnUrl)).Append("\">")
                .Append("<button type=\"submit\" data-testid=\"provider-signin-").Append(WebUtility.HtmlEncode(person.Subject)).Append("\">Sign in as ")
                .Append(WebUtility.HtmlEncode(person.Name)).Append("</button></form>");
        }

        return html.Append("</body></html>").ToString();
    }

    /// <summary>Records each issued ID token's nonce; re-signs it when <see cref="NextToken"/> says so.</summary>
    private async Task TamperTokenResponseAsync(HttpContext http, RequestDelegate next)
    {
        if (http.Request.Path != "/connect/token")
        {
            await next(http);
            return;
        }

        var original = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await next(http);
        }
        finally
        {
            http.Response.Body = original;
        }

        var body = buffer.ToArray();
        if (http.Response.StatusCode == StatusCodes.Status200OK && JsonNode.Parse(body) is JsonObject json && json["id_token"]?.GetValue<string>() is { } idToken)
        {
            var payload = JsonNode.Parse(Base64UrlEncoder.Decode(new JsonWebToken(idToken).EncodedPayload))!.AsObject();
            issuedNonces.Enqueue(payload["nonce"]?.GetValue<string>() ?? "");
            var tampering = NextToken;
            NextToken = TokenTampering.None;
            if (tampering != TokenTampering.None)
            {
                Tamper(payload, tampering);
                json["id_token"] = new JsonWebTokenHandler().CreateToken(payload.ToJsonString(), new SigningCredentials(SigningKey, SecurityAlgorithms.RsaSha256));
                body = JsonSerializer.SerializeToUtf8Bytes(json);
            }
        }

        http.Response.ContentLength = body.Length;
        await original.WriteAsync(body, http.RequestAborted);
    }

    private void Tamper(JsonObject payload, TokenTampering tampering)
    {
        var now = DateTimeOffset.UtcNow;
        switch (tampering)
        {
            case TokenTampering.Expired:
                payload["iat"] = now.AddMinutes(-20).ToUnixTimeSeconds();
                payload["nbf"] = now.AddMinutes(-20).ToUnixTimeSeconds();
                payload["exp"] = now.AddMinutes(-10).ToUnixTimeSeconds();
                break;
            case TokenTampering.WrongIssuer:
                payload["iss"] = "https://impostor.example.test/";
                break;
            case TokenTampering.StaleNonce:
                payload["nonce"] = issuedNonces.First();
                break;
        }
    }
}
