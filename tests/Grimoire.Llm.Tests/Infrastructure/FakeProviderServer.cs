using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Grimoire.Llm.Tests.Infrastructure;

/// <summary>
/// A real Kestrel server on a loopback port that answers each request with the next scripted response, recording
/// what it received. Adapters talk to it over real HTTP.
/// </summary>
internal sealed class FakeProviderServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<ScriptedResponse> scripts = new();
    private readonly ConcurrentQueue<ReceivedRequest> received = new();
    private readonly TaskCompletionSource clientLeft = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private FakeProviderServer(WebApplication app)
    {
        this.app = app;
        this.app.Run(HandleAsync);
    }

    public Uri BaseUrl { get; private set; } = null!;

    public IReadOnlyList<ReceivedRequest> Received => [.. this.received];

    /// <summary>Completes when the client closed a connection the server was holding open.</summary>
    public Task ClientLeft => clientLeft.Task;

    public static async Task<FakeProviderServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        var server = new FakeProviderServer(builder.Build());
        await server.app.StartAsync();
        var address = server.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address);
        return server;
    }

    public FakeProviderServer Enqueue(params ScriptedResponse[] responses)
    {
        foreach (var response in responses)
        {
            scripts.Enqueue(response);
        }

        return this;
    }

    public async ValueTask DisposeAsync()
    {
        await this.app.StopAsync();
        await this.app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        this.received.Enqueue(new ReceivedRequest(context.Request.Method, context.Request.Path + context.Request.QueryString, headers, body.ToArray()));

        if (!scripts.TryDequeue(out var script))
        {
            context.Response.StatusCode = 500;
            await context.Response.WriteAsync("{\"error\":{\"message\":\"no scripted response left\"}}");
            return;
        }

        context.Response.StatusCode = script.Status;
        context.Response.ContentType = script.ContentType;
        foreach (var (name, value) in script.Headers)
        {
            context.Response.Headers[name] = value;
        }

        await WriteBodyAsync(context, script);
    }

    private async Task WriteBodyAsync(HttpContext context, ScriptedResponse script)
    {
        var stops = new SortedSet<int>(script.PauseAt);
        var end = script.CutAt ?? script.HoldAt ?? script.Body.Length;
        if (script.PieceSize is { } size)
        {
            for (var i = size; i < end; i += size)
            {
                stops.Add(i);
            }
        }

        stops.Add(end);
        var position = 0;
        foreach (var stop in stops.Where(s => s <= end))
        {
            await context.Response.Body.WriteAsync(script.Body.AsMemory(position, stop - position));
            await context.Response.Body.FlushAsync();
            position = stop;
            if (script.PauseAt.Contains(stop))
            {
                // Pacing only (no assertion depends on it): lets the client read the first part on its own.
                await Task.Delay(50);
            }
        }

        if (script.CutAt is not null)
        {
            // Let Kestrel put the flushed bytes on the socket before the reset (pacing, not an assertion).
            await Task.Delay(100);
            context.Abort();
        }
        else if (script.HoldAt is not null)
        {
            try
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                clientLeft.TrySetResult();
            }
        }
    }
}
