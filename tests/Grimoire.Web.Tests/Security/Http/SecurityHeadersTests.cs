using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Grimoire.Web.Tests.Infrastructure;

namespace Grimoire.Web.Tests.Security.Http;

/// <summary>
/// Every kind of response carries the Content-Security-Policy and the other security headers (issue 17 item 3):
/// pages, redirects, static files, endpoints, refusals and not-found pages. The browser test shows pages obey them.
/// </summary>
public sealed partial class SecurityHeadersTests(SecurityHeadersTests.Host host) : IClassFixture<SecurityHeadersTests.Host>
{
    [Theory]
    [InlineData("/account/signin", HttpStatusCode.OK)]
    [InlineData("/account/access-denied", HttpStatusCode.Forbidden)]
    [InlineData("/playground", HttpStatusCode.Redirect)]
    [InlineData("/app.css", HttpStatusCode.OK)]
    [InlineData("/favicon.svg", HttpStatusCode.OK)]
    [InlineData("/_framework/blazor.web.js", HttpStatusCode.OK)]
    [InlineData("/_content/MudBlazor/MudBlazor.min.js", HttpStatusCode.OK)]
    [InlineData("/healthz", HttpStatusCode.OK)]
    [InlineData("/account/oidc-signin", HttpStatusCode.NotFound)]
    [InlineData("/no/such/page", HttpStatusCode.NotFound)]
    [InlineData("/app.css.missing", HttpStatusCode.NotFound)]
    public async Task Anonymous_responses_of_every_kind_carry_the_security_headers(string path, HttpStatusCode status)
    {
        using var client = SignedInClient.Anonymous(host.Factory);
        using var response = await client.GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        SecurityHeaderAssert.CarriesThePolicy(response, path);
    }

    [Fact]
    public async Task Signed_in_pages_refusals_and_form_errors_carry_the_security_headers()
    {
        using var client = await SignedInClient.SignInAsync(host.Factory, "alex@demo.grimoire.test");
        foreach (var (path, status) in new[]
        {
            ("/playground", HttpStatusCode.OK), ("/courses", HttpStatusCode.OK), ("/admin", HttpStatusCode.Found), ("/account/access-denied", HttpStatusCode.Forbidden),
            ($"/playground/{Guid.NewGuid()}", HttpStatusCode.Forbidden), ("/no/such/page", HttpStatusCode.NotFound),
        })
        {
            using var response = await client.GetAsync(path);
            Assert.Equal(status, response.StatusCode);
            SecurityHeaderAssert.CarriesThePolicy(response, path);
        }

        using var empty = new FormUrlEncodedContent(new Dictionary<string, string>());
        using var refused = await client.PostAsync("/account/signout", empty);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        SecurityHeaderAssert.CarriesThePolicy(refused, "POST /account/signout without a token");
    }

    [Theory]
    [InlineData("/account/signin")]
    [InlineData("/playground")]
    [InlineData("/no/such/page")]
    public async Task The_import_map_is_the_one_inline_script_and_the_policy_allows_exactly_its_hash(string path)
    {
        using var client = await SignedInClient.SignInAsync(host.Factory, "alex@demo.grimoire.test");
        using var response = await client.GetAsync(path);
        var page = await response.Content.ReadAsStringAsync();

        var inline = InlineScript().Matches(page).Select(m => m.Groups["body"].Value).Where(body => body.Length > 0).ToList();
        var importMap = Assert.Single(inline);
        Assert.Contains("\"imports\"", importMap, StringComparison.Ordinal);
        var hash = $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(importMap)))}'";
        Assert.Equal([hash], SecurityHeaderAssert.CarriesThePolicy(response, path));
    }

    [Fact]
    public async Task The_demo_setting_serves_plain_http_without_hsts_or_redirects()
    {
        using var client = SignedInClient.Anonymous(host.Factory);
        using var response = await client.GetAsync("/account/signin");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    /// <summary>Every script element with a body (a script with a src has none).</summary>
    [GeneratedRegex("<script(?<attributes>[^>]*)>(?<body>.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex InlineScript();

    public sealed class Host : IDisposable
    {
        public GrimoireAppFactory Factory { get; } = new();

        public void Dispose() => Factory.Dispose();
    }
}
