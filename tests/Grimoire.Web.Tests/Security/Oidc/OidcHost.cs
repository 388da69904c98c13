using System.Net;
using Grimoire.Web.Security;
using Grimoire.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Grimoire.Web.Tests.Security.Oidc;

/// <summary>
/// The real host with OpenID Connect sign-in pointed at <see cref="FakeOidcProvider"/>: only the provider's side is
/// replaced (its discovery document and back channel); the handler, its validation and Grimoire's mapping are real.
/// Allowed domains: uni.test and the demo's; boss@uni.test is a configured site admin.
/// </summary>
public sealed class OidcHost : IDisposable
{
    public OidcHost()
    {
        Factory = new GrimoireAppFactory(
            settings: new Dictionary<string, string?>
            {
                ["Grimoire:Auth:Oidc:Authority"] = FakeOidcProvider.Issuer,
                ["Grimoire:Auth:Oidc:ClientId"] = FakeOidcProvider.ClientId,
                ["Grimoire:Auth:Oidc:ClientSecret"] = "test-client-secret",
                ["Grimoire:Accounts:AllowedEmailDomains:0"] = "uni.test",
                ["Grimoire:Accounts:AllowedEmailDomains:1"] = "demo.grimoire.test",
                ["Grimoire:Accounts:SiteAdminEmails:0"] = "boss@uni.test",
            },
            replaceServices: services => services.PostConfigure<OpenIdConnectOptions>(AuthenticationSetup.OidcScheme, options =>
            {
                options.Configuration = Provider.Configuration;
                options.ConfigurationManager = new StaticConfigurationManager<OpenIdConnectConfiguration>(Provider.Configuration);
                options.Backchannel = new HttpClient(Provider, disposeHandler: false);
            }));
    }

    public FakeOidcProvider Provider { get; } = new();

    public GrimoireAppFactory Factory { get; }

    /// <summary>A cookie-keeping client on https (the handler's correlation cookies are Secure), following no redirects.</summary>
    public HttpClient CreateClient() => Factory.CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri("https://localhost"),
        AllowAutoRedirect = false,
        HandleCookies = true,
    });

    /// <summary>
    /// A whole sign-in as a browser makes it: Grimoire's sign-in button, the provider's authorize redirect (the person
    /// signs in there: the provider will vouch for <paramref name="idTokenClaims"/>), the form post back to
    /// <c>/signin-oidc</c>. Returns Grimoire's answer to that post: where it sends the browser next.
    /// </summary>
    public async Task<HttpResponseMessage> SignInAsync(
        HttpClient client, string? returnUrl, IDictionary<string, object> idTokenClaims, IDictionary<string, object>? userInfo = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        var start = "/account/oidc-signin" + (returnUrl is null ? "" : "?returnUrl=" + Uri.EscapeDataString(returnUrl));
        using var challenge = await client.GetAsync(start);
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var authorize = challenge.Headers.Location!;
        Assert.Equal(Provider.Configuration.AuthorizationEndpoint, authorize.GetLeftPart(UriPartial.Path));
        var query = QueryHelpers.ParseQuery(authorize.Query);
        Assert.Equal("https://localhost/signin-oidc", query["redirect_uri"].ToString());

        var code = "code-" + Guid.NewGuid().ToString("N");
        Provider.WillSignIn(code, query["nonce"].ToString(), idTokenClaims, userInfo);
        using var callback = new FormUrlEncodedContent(new Dictionary<string, string> { ["code"] = code, ["state"] = query["state"].ToString() });
        return await client.PostAsync("/signin-oidc", callback);
    }

    public void Dispose()
    {
        Factory.Dispose();
        Provider.Dispose();
    }
}
