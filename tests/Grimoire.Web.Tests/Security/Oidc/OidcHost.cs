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
public class OidcHost : IDisposable
{
    public OidcHost()
        : this("Demo", new Dictionary<string, string?>())
    {
    }

    /// <param name="environment">The host environment ("Demo" also keeps the demo sign-in and people).</param>
    /// <param name="settings">More configuration, on top of the provider's.</param>
    protected OidcHost(string environment, Dictionary<string, string?> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.TryAdd("Grimoire:Auth:Oidc:Authority", FakeOidcProvider.Issuer);
        settings.TryAdd("Grimoire:Auth:Oidc:ClientId", FakeOidcProvider.ClientId);
        settings.TryAdd("Grimoire:Auth:Oidc:ClientSecret", "test-client-secret");
        settings.TryAdd("Grimoire:Accounts:AllowedEmailDomains:0", "uni.test");
        settings.TryAdd("Grimoire:Accounts:AllowedEmailDomains:1", "demo.grimoire.test");
        settings.TryAdd("Grimoire:Accounts:SiteAdminEmails:0", "boss@uni.test");
        Factory = new GrimoireAppFactory(
            environment,
            settings,
            replaceServices: services => services.PostConfigure<OpenIdConnectOptions>(AuthenticationSetup.OidcScheme, options =>
            {
                options.Configuration = Provider.Configuration;
                options.ConfigurationManager = new StaticConfigurationManager<OpenIdConnectConfiguration>(Provider.Configuration);
                options.Backchannel = new HttpClient(Provider, disposeHandler: false);
            }));
    }

    public FakeOidcProvider Provider { get; } = new();

    public GrimoireAppFactory Factory { get; }

    /// <summary>The site's address as the test clients reach it.</summary>
    public virtual Uri BaseAddress { get; } = new("https://localhost");

    /// <summary>A cookie-keeping client on https (the handler's correlation cookies are Secure), following no redirects.</summary>
    public HttpClient CreateClient() => Factory.CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = BaseAddress,
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
        Assert.Equal(new Uri(BaseAddress, "/signin-oidc").ToString(), query["redirect_uri"].ToString());

        var code = "code-" + Guid.NewGuid().ToString("N");
        Provider.WillSignIn(code, query["nonce"].ToString(), idTokenClaims, userInfo);
        using var callback = new FormUrlEncodedContent(new Dictionary<string, string> { ["code"] = code, ["state"] = query["state"].ToString() });
        return await client.PostAsync("/signin-oidc", callback);
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            Factory.Dispose();
            Provider.Dispose();
        }
    }
}
