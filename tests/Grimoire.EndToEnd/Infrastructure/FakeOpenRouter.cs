using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Grimoire.EndToEnd.Infrastructure;

/// <summary>
/// A local server speaking OpenRouter's streaming chat-completions wire format: keep-alive comment, reasoning and
/// content deltas, a usage chunk with cost, [DONE]. It records each request's exact body bytes and headers.
/// </summary>
public sealed class FakeOpenRouter : IAsyncDisposable
{
    private WebApplication? app;

    public string BaseUrl { get; private set; } = "";

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>Started and listening (xunit fixtures construct synchronously).</summary>
    public static FakeOpenRouter StartNew()
    {
        var fake = new FakeOpenRouter();
        fake.StartAsync().GetAwaiter().GetResult();
        return fake;
    }

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        app = builder.Build();
        app.MapPost("/api/v1/chat/completions", HandleAsync);
        await app.StartAsync();
        BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        Requests.Enqueue(new RecordedRequest(context.Request.Headers.Authorization.ToString(), body.ToArray()));

        context.Response.ContentType = "text/event-stream";
        context.Response.Headers["X-Generation-Id"] = "gen-fake-0001";
        string[] events =
        [
            ": OPENROUTER PROCESSING",
            Chunk("""{"role":"assistant","content":"","reasoning":"The student greets me. "}"""),
            Chunk("""{"content":"","reasoning":"I should greet back."}"""),
            Chunk("""{"content":"Hello **there**! "}"""),
            Chunk("""{"content":"How can I help?"}""", finish: "stop"),
            """data: {"id":"gen-fake-0001","object":"chat.completion.chunk","model":"anthropic/claude-sonnet-4.5","choices":[],"usage":{"prompt_tokens":42,"completion_tokens":17,"total_tokens":59,"cost":0.000381,"completion_tokens_details":{"reasoning_tokens":9}}}""",
            "data: [DONE]",
        ];
        foreach (var line in events)
        {
            await context.Response.WriteAsync(line + "\n\n", Encoding.UTF8);
            await context.Response.Body.FlushAsync();
        }
    }

    private static string Chunk(string delta, string? finish = null) =>
        $$"""data: {"id":"gen-fake-0001","object":"chat.completion.chunk","model":"anthropic/claude-sonnet-4.5","choices":[{"index":0,"delta":{{delta}},"finish_reason":{{(finish is null ? "null" : $"\"{finish}\"")}}}]}""";

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }
}

public sealed record RecordedRequest(string Authorization, byte[] Body);
