using System.Net;
using Grimoire.OpenRouterStandIn.Catalogue;
using Grimoire.OpenRouterStandIn.Chat;
using Grimoire.OpenRouterStandIn.Http;
using Grimoire.OpenRouterStandIn.Keys;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Grimoire.OpenRouterStandIn;

/// <summary>
/// A local OpenRouter on a loopback port, speaking its real wire format: the public models catalogue
/// (<c>GET /api/v1/models</c>), the key-management API (<c>/api/v1/keys</c>, management key required), the account's credits (<c>GET /api/v1/credits</c>, management
/// key required) and streaming
/// chat completions that accept only live keys it minted. Answers are canned and friendly; keys, budgets, usage and
/// costs behave like OpenRouter's. State is observable for tests: <see cref="Keys"/> (by hash, never the key) and
/// <see cref="ChatCalls"/> (key hash and exact request body of every call).
/// </summary>
public sealed class OpenRouterStandIn : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly StandInState state;

    private OpenRouterStandIn(WebApplication app, StandInState state, Uri baseUrl)
    {
        this.app = app;
        this.state = state;
        BaseUrl = baseUrl;
    }

    /// <summary>
    /// The site root to configure as <c>Grimoire:Providers:OpenRouter:BaseUrl</c>; the API is under
    /// <c>{BaseUrl}api/v1/</c>.
    /// </summary>
    public Uri BaseUrl { get; }

    /// <summary>Every key minted so far (deleted ones included, flagged), oldest first, with usage as of now.</summary>
    public IReadOnlyList<StandInKey> Keys => this.state.Keys;

    /// <summary>Every chat call so far, answered or refused, in the order received.</summary>
    public IReadOnlyList<StandInChatCall> ChatCalls => this.state.ChatCalls;

    /// <summary>The key minted with this hash (deleted or not), as of now; null when there is none.</summary>
    public StandInKey? FindKey(string hash)
    {
        ArgumentNullException.ThrowIfNull(hash);
        return this.state.Find(hash);
    }

    /// <summary>
    /// Accepts again a key an earlier run minted (the stand-in remembers nothing across runs and never kept the key, only
    /// its hash): chat with that key works, with its name, limit, reset, expiry and disabled state; its usage starts at
    /// zero. Returns false, changing nothing, when the hash is known already.
    /// </summary>
    public bool Adopt(StandInKeyAdoption key)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentException.ThrowIfNullOrWhiteSpace(key.Hash, nameof(key));
        ArgumentException.ThrowIfNullOrWhiteSpace(key.Name, nameof(key));
        return this.state.Adopt(key);
    }

    /// <summary>Starts listening; the returned stand-in serves until disposed.</summary>
    public static async Task<OpenRouterStandIn> StartAsync(OpenRouterStandInOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel =>
        {
            if (options.Port == 0)
            {
                kestrel.Listen(IPAddress.Loopback, 0);
            }
            else
            {
                kestrel.ListenLocalhost(options.Port);
            }
        });

        var app = builder.Build();
        var state = new StandInState(options);
        if (options.RequestLog is { } log)
        {
            app.Use(async (context, next) =>
            {
                await next(context);
                log(Log.Line(context));
            });
        }

        new ModelsEndpoint(options.Models).Map(app);
        new KeyEndpoints(state, options).Map(app);
        new CreditsEndpoint(state, options).Map(app);
        new ChatEndpoint(state, options).Map(app);
        app.MapFallback(context => JsonResponse.ErrorAsync(context, 404, $"Not found: {context.Request.Method} {context.Request.Path}"));

        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return new OpenRouterStandIn(app, state, ListeningAt(app, options.Port));
    }

    public async ValueTask DisposeAsync()
    {
        await this.app.StopAsync(CancellationToken.None);
        await this.app.DisposeAsync();
    }

    private static Uri ListeningAt(WebApplication app, int port)
    {
        if (port != 0)
        {
            return new Uri($"http://localhost:{port}/");
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address.TrimEnd('/') + "/");
    }
}
