using Grimoire.Core.Lti;
using Grimoire.LtiFakePlatform;
using Microsoft.Extensions.DependencyInjection;

namespace Grimoire.EndToEnd.Infrastructure;

/// <summary>
/// The real host with a <see cref="FakePlatform"/> registered as an LTI platform. The browser reaches the tool as
/// http://localhost:port and the platform as http://127.0.0.1:port — two sites, so the platform's form post to the
/// launch URL is a cross-site POST, as from a real LMS (the state cookie must be SameSite=None; Secure, which Chromium
/// accepts on localhost).
/// </summary>
public sealed class LtiBrowserApp : BrowserApp
{
    public FakePlatform Platform { get; private set; } = null!;

    public string ToolUrl { get; private set; } = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        ToolUrl = BaseUrl.Replace("127.0.0.1", "localhost", StringComparison.Ordinal) + "/";
        Platform = await FakePlatform.StartAsync(new FakePlatformOptions { ToolUrl = new Uri(ToolUrl) }, CancellationToken.None);
        await Services.GetRequiredService<LtiPlatforms>().AddAsync(
            new LtiPlatformRegistration("Fake LMS", Platform.Issuer, Platform.ClientId, Platform.AuthLoginUrl, Platform.AuthTokenUrl, Platform.JwksUrl, [Platform.DeploymentId]),
            CancellationToken.None);
    }

    public override async Task DisposeAsync()
    {
        if (Platform is not null)
        {
            await Platform.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}
