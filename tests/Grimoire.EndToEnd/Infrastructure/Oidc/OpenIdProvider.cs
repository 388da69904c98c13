using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Grimoire.EndToEnd.Infrastructure.Oidc;

/// <summary>A person the provider knows; a test changes their e-mail or its verification between sign-ins.</summary>
public sealed record ProviderPerson(string Subject, string Email, bool EmailVerified, string Name);

/// <summary>
/// A real OpenID provider (OpenIddict's server, degraded mode: no stores, one client) on a loopback port with an
/// ephemeral RSA key: discovery, JWKS, authorize with PKCE required, token, userinfo and end-session, plus its own
/// login page and session cookie, so a browser signs in and out there as at a university's provider (issue 15, X9).
/// What OpenIddict will not produce (an expired token, another issuer's, a stale nonce) comes from
/// <see cref="TokenTampering"/>: the next token response's ID token re-signed with the provider's own key.
/// </summary>
public sealed partial class OpenIdProvider : IAsyncDisposable
{
    public const string ClientId = "grimoire-browser-tests";
    public const string ClientSecret = "browser-tests-client-secret";

    private readonly RSA rsa = RSA.Create(2048);
    private readonly ConcurrentDictionary<string, ProviderPerson> people = new();
    private readonly ConcurrentQueue<string> issuedNonces = new();
    private WebApplication? app;

    private OpenIdProvider()
    {
        ToolBaseUrl = "";
        SigningKey = new RsaSecurityKey(rsa) { KeyId = "browser-tests-" + Guid.NewGuid().ToString("N")[..8] };
    }

    /// <summary>The issuer (and authority): http://127.0.0.1:port/, a different site from the tool's http://localhost.</summary>
    public string Issuer { get; private set; } = "";

    /// <summary>The tool's address as the browser reaches it, without the final slash (its redirect URIs start with it).</summary>
    public string ToolBaseUrl { get; set; }

    internal RsaSecurityKey SigningKey { get; }

    /// <summary>What the next token response's ID token will be turned into (then back to none).</summary>
    public TokenTampering NextToken { get; set; }

    /// <summary>How many end-session requests the provider honoured (each ended its session).</summary>
    public int EndedSessions => endedSessions;

    private int endedSessions;

    /// <summary>The nonces of the ID tokens issued so far, oldest first.</summary>
    public IReadOnlyCollection<string> IssuedNonces => issuedNonces;

    public void Add(ProviderPerson person)
    {
        ArgumentNullException.ThrowIfNull(person);
        people[person.Subject] = person;
    }

    public ProviderPerson Person(string subject) => people[subject];

    public static async Task<OpenIdProvider> StartAsync(CancellationToken cancellationToken)
    {
        var provider = new OpenIdProvider();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        provider.ConfigureServices(builder.Services);
        provider.app = builder.Build();
        provider.MapEndpoints(provider.app);
        await provider.app.StartAsync(cancellationToken);
        var address = provider.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        provider.Issuer = address.TrimEnd('/') + "/";
        return provider;
    }

    private void ConfigureServices(IServiceCollection services)
    {
        services.AddAuthentication().AddCookie(SessionScheme, options =>
        {
            options.Cookie.Name = "provider.session";
            options.LoginPath = "/login";
        });
        services.AddOpenIddict().AddServer(options =>
        {
            options.SetAuthorizationEndpointUris("connect/authorize")
                .SetTokenEndpointUris("connect/token")
                .SetUserInfoEndpointUris("connect/userinfo")
                .SetEndSessionEndpointUris("connect/endsession");
            options.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
            options.RegisterScopes("openid", "profile", "email");
            options.AddSigningKey(SigningKey).AddEphemeralEncryptionKey();
            options.DisableAccessTokenEncryption();
            options.EnableDegradedMode();
            options.UseAspNetCore()
                .EnableAuthorizationEndpointPassthrough()
                .EnableUserInfoEndpointPassthrough()
                .EnableEndSessionEndpointPassthrough()
                .DisableTransportSecurityRequirement();

            // Degraded mode knows no clients: these handlers are the one registration (client id, secret, redirect URIs).
            options.AddEventHandler<ValidateAuthorizationRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId || context.RedirectUri != ToolBaseUrl + "/signin-oidc")
                {
                    context.Reject("invalid_client", "Unknown client or redirect URI.");
                }

                return default;
            }));
            options.AddEventHandler<ValidateTokenRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId || context.ClientSecret != ClientSecret)
                {
                    context.Reject("invalid_client", "Unknown client or wrong secret.");
                }

                return default;
            }));
            options.AddEventHandler<ValidateEndSessionRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.PostLogoutRedirectUri is { } uri && uri != ToolBaseUrl + "/signout-callback-oidc")
                {
                    context.Reject("invalid_request", "Unknown post-logout redirect URI.");
                }

                return default;
            }));
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }

        rsa.Dispose();
    }
}
