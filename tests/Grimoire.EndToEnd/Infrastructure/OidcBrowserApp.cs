using Grimoire.Core.Tests.Keys;
using Grimoire.EndToEnd.Infrastructure.Oidc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Grimoire.EndToEnd.Infrastructure;

/// <summary>
/// The real host with its OpenID Connect sign-in pointed at an <see cref="OpenIdProvider"/> (OpenIddict) on another
/// loopback site. The browser reaches the tool as http://localhost:port — Chromium counts localhost as a secure context
/// and keeps the handler's Secure, SameSite=None correlation and nonce cookies over plain http there; the provider's
/// form post back to <c>/signin-oidc</c> is cross-site, as from a real provider. Outside this test, HTTPS (docs/security.md).
/// </summary>
public sealed class OidcBrowserApp : BrowserApp
{
    public OidcBrowserApp()
        : this(OpenIdProvider.StartAsync(CancellationToken.None).GetAwaiter().GetResult(), new CapturedLogs())
    {
    }

    private OidcBrowserApp(OpenIdProvider provider, CapturedLogs logs)
        : base(Settings(provider), services => services.AddSingleton<ILoggerProvider>(logs))
    {
        Provider = provider;
        Logs = logs;
    }

    public OpenIdProvider Provider { get; }

    /// <summary>The host's log lines (a refusal's warning; never a token).</summary>
    public CapturedLogs Logs { get; }

    /// <summary>The tool's address with a final slash, as the browser reaches it.</summary>
    public string ToolUrl { get; private set; } = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        ToolUrl = BaseUrl.Replace("127.0.0.1", "localhost", StringComparison.Ordinal) + "/";
        Provider.ToolBaseUrl = ToolUrl.TrimEnd('/');
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Provider.DisposeAsync();
    }

    private static Dictionary<string, string?> Settings(OpenIdProvider provider) => new()
    {
        ["Grimoire:Auth:Oidc:Authority"] = provider.Issuer,
        ["Grimoire:Auth:Oidc:ClientId"] = OpenIdProvider.ClientId,
        ["Grimoire:Auth:Oidc:ClientSecret"] = OpenIdProvider.ClientSecret,
        ["Grimoire:Auth:Oidc:DisplayName"] = "University sign-in",
        ["Grimoire:Accounts:AllowedEmailDomains:0"] = "uni.test",
        ["Grimoire:Accounts:AllowedEmailDomains:1"] = "demo.grimoire.test",
    };
}
