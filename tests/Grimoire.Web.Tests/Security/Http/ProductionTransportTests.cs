using System.Net;
using Grimoire.Web.Tests.Security.Oidc;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Grimoire.Web.Tests.Security.Http;

/// <summary>
/// Outside the demo setting (issue 17 item 3): HTTPS redirection that also works behind a TLS-terminating proxy, whose
/// forwarded headers are believed only from configured proxy addresses; HSTS; Secure cookies; only the configured host.
/// </summary>
public sealed class ProductionTransportTests(ProductionTransportTests.Host host) : IClassFixture<ProductionTransportTests.Host>
{
    private const string Site = "grimoire.example.edu";
    private const string TrustedProxy = "10.0.0.5";

    [Fact]
    public async Task Plain_http_is_redirected_to_https_on_the_public_port()
    {
        using var client = host.Factory.CreateClient(NoRedirects("http://" + Site));
        using var response = await client.GetAsync("/account/signin?x=1");

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal($"https://{Site}/account/signin?x=1", response.Headers.Location!.ToString());
        SecurityHeaderAssert.CarriesThePolicy(response, "the redirect to https");
    }

    [Fact]
    public async Task Health_checks_answer_over_plain_http_for_load_balancers()
    {
        using var client = host.Factory.CreateClient(NoRedirects("http://" + Site));
        using var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Https_responses_carry_hsts_and_the_security_headers()
    {
        using var client = host.CreateClient();
        using var response = await client.GetAsync("/account/signin");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("max-age=31536000", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")));
        SecurityHeaderAssert.CarriesThePolicy(response, "/account/signin over https");
    }

    [Theory]
    [InlineData(TrustedProxy, HttpStatusCode.OK)]
    [InlineData("10.0.0.9", HttpStatusCode.TemporaryRedirect)]
    [InlineData("127.0.0.1", HttpStatusCode.TemporaryRedirect)]
    public async Task Forwarded_https_is_believed_only_from_a_configured_proxy(string remoteAddress, HttpStatusCode expected)
    {
        var context = await host.Factory.Server.SendAsync(http =>
        {
            http.Request.Method = "GET";
            http.Request.Scheme = "http";
            http.Request.Host = new HostString(Site);
            http.Request.Path = "/account/signin";
            http.Request.Headers["X-Forwarded-Proto"] = "https";
            http.Request.Headers["X-Forwarded-For"] = "203.0.113.7";
            http.Connection.RemoteIpAddress = IPAddress.Parse(remoteAddress);
        });

        Assert.Equal((int)expected, context.Response.StatusCode);
        Assert.Equal(expected == HttpStatusCode.OK, context.Response.Headers.StrictTransportSecurity.Count == 1);
    }

    [Fact]
    public async Task Another_host_name_is_refused()
    {
        using var client = host.Factory.CreateClient(NoRedirects("https://evil.example"));
        using var response = await client.GetAsync("/account/signin");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Sign_in_and_antiforgery_cookies_are_secure()
    {
        using var client = host.CreateClient();
        using var signIn = await host.SignInAsync(client, "/playground", new Dictionary<string, object>
        {
            ["sub"] = "sub-ana",
            ["email"] = "ana@uni.test",
            ["email_verified"] = true,
        });
        Assert.Equal("/playground", signIn.Headers.Location!.OriginalString);
        var authCookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("grimoire.auth=", StringComparison.Ordinal));
        Assert.Contains("; secure", authCookie, StringComparison.OrdinalIgnoreCase);

        using var page = await client.GetAsync("/playground");
        var antiforgery = Assert.Single(page.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
        Assert.Contains("; secure", antiforgery, StringComparison.OrdinalIgnoreCase);

        // Also on a plain-http request, were one ever to get this far (a proxy that forwards no scheme).
        var cookies = host.Factory.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(CookieAuthenticationDefaults.AuthenticationScheme);
        Assert.Equal(CookieSecurePolicy.Always, cookies.Cookie.SecurePolicy);
        Assert.Equal(CookieSecurePolicy.Always, host.Factory.Services.GetRequiredService<IOptions<CookiePolicyOptions>>().Value.Secure);
    }

    private static Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions NoRedirects(string baseAddress) =>
        new() { BaseAddress = new Uri(baseAddress), AllowAutoRedirect = false };

    /// <summary>A production host (OIDC sign-in only) for grimoire.example.edu behind the proxy at 10.0.0.5.</summary>
    public sealed class Host() : OidcHost("Production", new Dictionary<string, string?>
    {
        ["Grimoire:SeedDemoData"] = "false",
        ["Grimoire:Secrets:EncryptionKey"] = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
        ["AllowedHosts"] = Site,
        ["Grimoire:Proxy:KnownProxies:0"] = TrustedProxy,
    })
    {
        public override Uri BaseAddress { get; } = new("https://" + Site);
    }
}
