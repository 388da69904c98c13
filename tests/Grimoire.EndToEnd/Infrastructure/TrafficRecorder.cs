using System.Collections.Concurrent;
using System.Text;
using Microsoft.Playwright;

namespace Grimoire.EndToEnd.Infrastructure;

/// <summary>
/// Everything the server sent to (and the page sent over) a browser context: every HTTP response body and every
/// WebSocket frame in both directions (Blazor's circuit is binary MessagePack, so frames are kept as bytes).
/// </summary>
public sealed class TrafficRecorder
{
    private readonly ConcurrentQueue<Captured> captured = new();
    private readonly ConcurrentQueue<Task> pending = new();

    /// <summary>Starts recording every page the context opens from now on.</summary>
    public static TrafficRecorder Attach(IBrowserContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var recorder = new TrafficRecorder();
        context.Page += (_, page) => recorder.Watch(page);
        foreach (var page in context.Pages)
        {
            recorder.Watch(page);
        }

        return recorder;
    }

    public int ResponseCount => captured.Count(c => c.Kind == "response");

    public int FrameCount => captured.Count(c => c.Kind.StartsWith("frame", StringComparison.Ordinal));

    /// <summary>Everything recorded, once every body still being read has arrived.</summary>
    public async Task<IReadOnlyList<Captured>> AllAsync()
    {
        while (pending.TryDequeue(out var task))
        {
            await task;
        }

        return [.. captured];
    }

    private void Watch(IPage page)
    {
        page.Response += (_, response) => pending.Enqueue(ReadAsync(response));
        page.WebSocket += (_, socket) =>
        {
            socket.FrameReceived += (_, frame) => captured.Enqueue(new Captured("frame-received", socket.Url, FrameBytes(frame)));
            socket.FrameSent += (_, frame) => captured.Enqueue(new Captured("frame-sent", socket.Url, FrameBytes(frame)));
        };
    }

    private async Task ReadAsync(IResponse response)
    {
        byte[] body;
        try
        {
            body = await response.BodyAsync();
        }
        catch (PlaywrightException)
        {
            // Redirects and aborted requests have no body to leak.
            body = [];
        }

        var headers = string.Join('\n', (await response.AllHeadersAsync()).Select(h => $"{h.Key}: {h.Value}"));
        captured.Enqueue(new Captured("response", response.Url, [.. Encoding.UTF8.GetBytes(headers + "\n\n"), .. body]));
    }

    private static byte[] FrameBytes(IWebSocketFrame frame) => frame.Binary ?? Encoding.UTF8.GetBytes(frame.Text ?? "");

    /// <summary>One response (headers and body) or one WebSocket frame.</summary>
    public sealed record Captured(string Kind, string Url, byte[] Bytes);
}
