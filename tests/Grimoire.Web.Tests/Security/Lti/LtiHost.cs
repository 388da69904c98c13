using System.Net;
using Grimoire.Core.Lti;
using Grimoire.LtiFakePlatform;
using Grimoire.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace Grimoire.Web.Tests.Security.Lti;

/// <summary>
/// The real host (https://localhost, so the Secure state cookie travels) and a <see cref="FakePlatform"/> on a loopback
/// port, registered as an LTI platform. The tool fetches the platform's key set over real HTTP; the browser's trip to
/// the platform's authorize page is <see cref="FakePlatform.Authorize"/>, called by the test with the tool's redirect.
/// </summary>
public sealed class LtiHost : IAsyncLifetime
{
    public static readonly Uri BaseAddress = new("https://localhost/");

    public FakePlatform Platform { get; private set; } = null!;

    public GrimoireAppFactory Factory { get; private set; } = null!;

    public Guid PlatformId { get; private set; }

    public async Task InitializeAsync()
    {
        // The platform checks the tool's client assertion (roster sync) against the tool's key set, read from the test server.
        Platform = await FakePlatform.StartAsync(
            new FakePlatformOptions { ToolUrl = BaseAddress, ToolJwksSource = ct => Factory.Services.GetRequiredService<LtiToolKeys>().GetJwksJsonAsync(ct) },
            CancellationToken.None);
        Factory = new GrimoireAppFactory("Demo", new Dictionary<string, string?>
        {
            ["Grimoire:Accounts:AllowedEmailDomains:0"] = "uni.test",
            ["Grimoire:Accounts:AllowedEmailDomains:1"] = "demo.grimoire.test",
        });
        _ = Factory.Server;
        var view = await Factory.Services.GetRequiredService<LtiPlatforms>().AddAsync(
            new LtiPlatformRegistration("Fake LMS", Platform.Issuer, Platform.ClientId, Platform.AuthLoginUrl, Platform.AuthTokenUrl, Platform.JwksUrl, [Platform.DeploymentId]),
            CancellationToken.None);
        PlatformId = view.Id;
    }

    public HttpClient CreateClient() => Factory.CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = BaseAddress,
        AllowAutoRedirect = false,
        HandleCookies = true,
    });

    /// <summary>The LMS's launch link: the tool's login initiation, answered by a redirect to the platform's authorize endpoint.</summary>
    public async Task<Dictionary<string, string>> BeginLoginAsync(HttpClient client, string subject)
    {
        ArgumentNullException.ThrowIfNull(client);
        var initiation = Platform.LoginInitiationUrl(subject);
        using var response = await client.GetAsync(initiation.PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var authorize = response.Headers.Location!;
        Assert.Equal(Platform.AuthLoginUrl, authorize.GetLeftPart(UriPartial.Path));
        return QueryHelpers.ParseQuery(authorize.Query).ToDictionary(q => q.Key, q => q.Value.ToString());
    }

    /// <summary>The platform's form post of the id_token to the tool's launch URL.</summary>
    public static async Task<HttpResponseMessage> PostLaunchAsync(HttpClient client, FakeAuthorization authorization)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(authorization);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["id_token"] = authorization.IdToken, ["state"] = authorization.State });
        return await client.PostAsync(authorization.RedirectUri.PathAndQuery, form);
    }

    /// <summary>A whole launch as a browser makes it; returns the tool's answer to the platform's post.</summary>
    public async Task<HttpResponseMessage> LaunchAsync(HttpClient client, string subject, FakeLaunchTweaks? tweaks = null)
    {
        var request = await BeginLoginAsync(client, subject);
        return await PostLaunchAsync(client, Platform.Authorize(request, tweaks));
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Platform.DisposeAsync();
    }
}
