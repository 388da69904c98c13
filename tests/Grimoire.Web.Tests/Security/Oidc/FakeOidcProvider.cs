using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Grimoire.Web.Tests.Security.Oidc;

/// <summary>
/// An OpenID Connect provider in the test process: its discovery document is handed to the real OpenID Connect handler,
/// and its token and userinfo endpoints answer the handler's back-channel calls. ID tokens are really signed (RS256) and
/// really validated by the handler (issuer, audience, lifetime, nonce, signature), so what reaches Grimoire's mapping is
/// what a real provider's sign-in would deliver. The browser's trip to the provider's login page is the test itself:
/// it reads the authorize redirect and posts the callback. (A real provider in Chromium is issue 15.)
/// </summary>
public sealed class FakeOidcProvider : HttpMessageHandler
{
    public const string Issuer = "https://login.example.test";
    public const string ClientId = "grimoire-tests";

    private readonly RSA rsa = RSA.Create(2048);
    private readonly ConcurrentDictionary<string, PendingSignIn> pending = new();

    public FakeOidcProvider()
    {
        var key = new RsaSecurityKey(rsa) { KeyId = "test-key" };
        SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256);
        Configuration = new OpenIdConnectConfiguration
        {
            Issuer = Issuer,
            AuthorizationEndpoint = Issuer + "/authorize",
            TokenEndpoint = Issuer + "/token",
            UserInfoEndpoint = Issuer + "/userinfo",
            EndSessionEndpoint = Issuer + "/logout",
        };
        Configuration.SigningKeys.Add(key);
    }

    public OpenIdConnectConfiguration Configuration { get; }

    private SigningCredentials SigningCredentials { get; }

    /// <summary>
    /// What the provider will say about the person who completes the sign-in with this code: claims in the ID token
    /// (the nonce from the authorize request is added) and, separately, in the userinfo answer.
    /// </summary>
    public void WillSignIn(string code, string nonce, IDictionary<string, object> idTokenClaims, IDictionary<string, object>? userInfo = null) =>
        pending[code] = new PendingSignIn(nonce, new Dictionary<string, object>(idTokenClaims), new Dictionary<string, object>(userInfo ?? new Dictionary<string, object>()));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var url = request.RequestUri!.GetLeftPart(UriPartial.Path);
        if (url == Configuration.TokenEndpoint && request.Method == HttpMethod.Post)
        {
            var form = QueryHelpers.ParseQuery(await request.Content!.ReadAsStringAsync(cancellationToken));
            if (!pending.TryGetValue(form["code"].ToString(), out var signIn) || form["client_id"] != ClientId || string.IsNullOrEmpty(form["code_verifier"]))
            {
                return Json(HttpStatusCode.BadRequest, new Dictionary<string, object> { ["error"] = "invalid_grant" });
            }

            var accessToken = "access-" + form["code"];
            pending[accessToken] = signIn;
            return Json(HttpStatusCode.OK, new Dictionary<string, object>
            {
                ["access_token"] = accessToken,
                ["token_type"] = "Bearer",
                ["expires_in"] = 300,
                ["id_token"] = IdToken(signIn),
            });
        }

        if (url == Configuration.UserInfoEndpoint && request.Headers.Authorization is { Scheme: "Bearer" } bearer
            && pending.TryGetValue(bearer.Parameter ?? "", out var user))
        {
            var info = new Dictionary<string, object>(user.UserInfo) { ["sub"] = user.IdTokenClaims["sub"] };
            return Json(HttpStatusCode.OK, info);
        }

        return new HttpResponseMessage(HttpStatusCode.NotFound);
    }

    private string IdToken(PendingSignIn signIn)
    {
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object>(signIn.IdTokenClaims) { ["nonce"] = signIn.Nonce };
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = ClientId,
            IssuedAt = now,
            NotBefore = now.AddMinutes(-1),
            Expires = now.AddMinutes(5),
            Claims = claims,
            SigningCredentials = SigningCredentials,
        });
    }

    private static HttpResponseMessage Json(HttpStatusCode status, Dictionary<string, object> body)
    {
        var content = new StringContent(JsonSerializer.Serialize(body));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return new HttpResponseMessage(status) { Content = content };
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            rsa.Dispose();
        }

        base.Dispose(disposing);
    }

    private sealed record PendingSignIn(string Nonce, Dictionary<string, object> IdTokenClaims, Dictionary<string, object> UserInfo);
}
