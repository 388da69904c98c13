using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Grimoire.LtiFakePlatform;

/// <summary>
/// A fake LTI 1.3 platform (an LMS) on a loopback port, speaking the real wire format: a page listing the course's
/// people, each with a launch link that starts a third-party-initiated login at the tool; <c>/authorize</c>, which
/// signs an id_token (RS256, its own key) and form-posts it to the tool's launch URL; <c>/jwks</c>; <c>/token</c>
/// (client credentials with the tool's signed JWT assertion, checked against the tool's JWKS); and paged Names and
/// Role Provisioning Services at <c>/nrps/memberships</c> (Link: rel="next").
/// </summary>
public sealed partial class FakePlatform : IAsyncDisposable
{
    public const string Instructor = "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor";
    public const string TeachingAssistant = "http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant";
    public const string Learner = "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner";
    public const string MembershipsScope = "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly";

    private readonly WebApplication app;
    private readonly FakePlatformOptions options;
    private readonly JsonWebTokenHandler tokens = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly ConcurrentDictionary<string, DateTimeOffset> accessTokens = new(StringComparer.Ordinal);
    private readonly Lock keyLock = new();
    private RsaSecurityKey signingKey = NewKey();
    private int tokenRequests;

    private FakePlatform(WebApplication app, FakePlatformOptions options, Uri baseUrl)
    {
        this.app = app;
        this.options = options;
        BaseUrl = baseUrl;
    }

    /// <summary>The platform's root, e.g. http://127.0.0.1:5123/.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The issuer (<c>iss</c>): the root without its trailing slash.</summary>
    public string Issuer => BaseUrl.ToString().TrimEnd('/');

    public string ClientId => options.ClientId;

    public string DeploymentId => options.DeploymentId;

    public string AuthLoginUrl => Issuer + "/authorize";

    public string AuthTokenUrl => Issuer + "/token";

    public string JwksUrl => Issuer + "/jwks";

    public string MembershipsUrl => Issuer + "/nrps/memberships";

    /// <summary>The course's people as NRPS lists them; change it to simulate enrollments in the LMS.</summary>
    public IList<FakePlatformPerson> People => options.People;

    /// <summary>How many access tokens the token endpoint has granted.</summary>
    public int TokenRequests => Volatile.Read(ref tokenRequests);

    /// <summary>The key id the platform signs with now.</summary>
    public string CurrentKeyId
    {
        get
        {
            lock (keyLock)
            {
                return signingKey.KeyId;
            }
        }
    }

    /// <summary>Starts listening; the platform serves until disposed.</summary>
    public static async Task<FakePlatform> StartAsync(FakePlatformOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.ToolUrl is null || !options.ToolUrl.IsAbsoluteUri)
        {
            throw new ArgumentException("FakePlatformOptions.ToolUrl must be the tool's absolute site root.", nameof(options));
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddHttpClient();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port));
        var app = builder.Build();
        FakePlatform? platform = null;
        app.MapGet("/", () => Results.Content(platform!.HomePage(), "text/html; charset=utf-8"));
        app.MapGet("/launch/{subject}", (string subject) => platform!.StartLaunch(subject));
        app.MapGet("/embed/{subject}", (string subject) => platform!.EmbeddedLaunch(subject));
        app.MapGet("/authorize", (HttpContext http) => platform!.AuthorizePage(http.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString())));
        app.MapPost("/authorize", async (HttpContext http) =>
            platform!.AuthorizePage((await http.Request.ReadFormAsync(http.RequestAborted)).ToDictionary(q => q.Key, q => q.Value.ToString())));
        app.MapGet("/jwks", () => Results.Text(platform!.JwksJson(), "application/json"));
        app.MapGet("/favicon.ico", () => Results.NoContent());
        app.MapPost("/token", (HttpContext http, CancellationToken _) => platform!.TokenAsync(http));
        app.MapGet("/nrps/memberships", (HttpContext http) => platform!.Memberships(http));
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        platform = new FakePlatform(app, options, new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/"));
        return platform;
    }

    /// <summary>The platform starts signing with a new key (and publishes only it): the tool must refetch the key set.</summary>
    public void RotateKey()
    {
        lock (keyLock)
        {
            signingKey = NewKey();
        }
    }

    /// <summary>The address of the tool's login initiation for this person (what the LMS's launch link does).</summary>
    public Uri LoginInitiationUrl(string subject) => new(
        new Uri(options.ToolUrl!, "lti/login"),
        "?" + string.Join("&", new Dictionary<string, string>
        {
            ["iss"] = Issuer,
            ["login_hint"] = subject,
            ["target_link_uri"] = options.ToolUrl!.ToString(),
            ["lti_message_hint"] = options.ContextId,
            ["client_id"] = options.ClientId,
            ["lti_deployment_id"] = options.DeploymentId,
        }.Select(p => p.Key + "=" + Uri.EscapeDataString(p.Value))));

    /// <summary>
    /// The platform's side of an authorization request (what <c>/authorize</c> does, callable by tests): checks the
    /// request, finds the person by <c>login_hint</c> and signs their launch.
    /// </summary>
    /// <exception cref="ArgumentException">The request is not one this platform answers.</exception>
    public FakeAuthorization Authorize(IReadOnlyDictionary<string, string> request, FakeLaunchTweaks? tweaks = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        string Get(string name) => request.TryGetValue(name, out var v) ? v : "";
        if (Get("client_id") != options.ClientId || Get("response_type") != "id_token" || Get("response_mode") != "form_post"
            || Get("scope") != "openid" || string.IsNullOrEmpty(Get("nonce")) || string.IsNullOrEmpty(Get("state")))
        {
            throw new ArgumentException("Not an LTI authorization request for this client.", nameof(request));
        }

        var redirect = new Uri(Get("redirect_uri"));
        if (redirect != new Uri(options.ToolUrl!, "lti/launch"))
        {
            throw new ArgumentException($"The redirect_uri {redirect} is not the tool's registered launch URL.", nameof(request));
        }

        var person = People.FirstOrDefault(p => p.Subject == Get("login_hint"))
            ?? throw new ArgumentException("No person in the course has that login_hint.", nameof(request));
        return new FakeAuthorization(redirect, SignLaunch(person, Get("nonce"), tweaks ?? new FakeLaunchTweaks()), Get("state"));
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync(CancellationToken.None);
        await app.DisposeAsync();
    }

    private static RsaSecurityKey NewKey() => new(RSA.Create(2048)) { KeyId = "platform-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)) };
}
