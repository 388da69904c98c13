using System.Collections.Concurrent;
using System.Text;
using Microsoft.Playwright;

namespace Grimoire.EndToEnd.Infrastructure;

/// <summary>
/// Everything the server sent to (and the page sent over) a browser context: every HTTP response (status, headers
/// and body) and every WebSocket frame in both directions (Blazor's circuit is binary MessagePack, so frames are kept
/// as bytes). Responses are recorded on their way in: every request of the context is routed through the recorder,
/// which fetches it from the server, keeps a copy and hands exactly that to the page (redirects one hop at a time).
/// Reading bodies after the fact from response events is not enough: the browser drops a page's bodies when it
/// navigates away, and a leak test must not have holes. Routing turns the browser's HTTP cache off, so nothing is
/// served unseen from it either.
/// </summary>
public sealed class TrafficRecorder
{
    private readonly ConcurrentQueue<Captured> captured = new();
    private readonly ConcurrentQueue<string> unrecorded = new();

    private TrafficRecorder()
    {
    }

    /// <summary>Starts recording every request and every page of the context; call before the first navigation.</summary>
    public static async Task<TrafficRecorder> AttachAsync(IBrowserContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var recorder = new TrafficRecorder();
        await context.RouteAsync("**/*", recorder.ForwardAsync);
        context.Page += (_, page) => recorder.Watch(page);
        foreach (var page in context.Pages)
        {
            recorder.Watch(page);
        }

        return recorder;
    }

    public int ResponseCount => captured.Count(c => c.Kind == "response");

    public int FrameCount => captured.Count(c => c.Kind.StartsWith("frame", StringComparison.Ordinal));

    /// <summary>Requests that could not be fetched and recorded (the page got an aborted request instead): should be none.</summary>
    public IReadOnlyList<string> Unrecorded => [.. unrecorded];

    /// <summary>Everything recorded so far.</summary>
    public IReadOnlyList<Captured> All => [.. captured];

    private async Task ForwardAsync(IRoute route)
    {
        IAPIResponse response;
        byte[] body;
        try
        {
            response = await route.FetchAsync(new RouteFetchOptions { MaxRedirects = 0 });
            body = await response.BodyAsync();
        }
        catch (PlaywrightException ex)
        {
            unrecorded.Enqueue($"{route.Request.Method} {route.Request.Url}: {ex.Message.Split('\n')[0]}");
            await IgnoringClosedPageAsync(() => route.AbortAsync());
            return;
        }

        var headers = string.Join('\n', response.HeadersArray.Select(h => $"{h.Name}: {h.Value}"));
        captured.Enqueue(new Captured("response", route.Request.Url, [.. Encoding.UTF8.GetBytes(headers + "\n\n"), .. body])
        {
            Status = response.Status,
        });
        await IgnoringClosedPageAsync(() => route.FulfillAsync(new RouteFulfillOptions { Response = response, BodyBytes = body }));
    }

    /// <summary>A page closed meanwhile gets nothing, so there is nothing more to record.</summary>
    private static async Task IgnoringClosedPageAsync(Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (PlaywrightException)
        {
        }
    }

    private void Watch(IPage page) => page.WebSocket += (_, socket) =>
    {
        socket.FrameReceived += (_, frame) => captured.Enqueue(new Captured("frame-received", socket.Url, FrameBytes(frame)));
        socket.FrameSent += (_, frame) => captured.Enqueue(new Captured("frame-sent", socket.Url, FrameBytes(frame)));
    };

    private static byte[] FrameBytes(IWebSocketFrame frame) => frame.Binary ?? Encoding.UTF8.GetBytes(frame.Text ?? "");

    /// <summary>One response (headers and body) or one WebSocket frame.</summary>
    public sealed record Captured(string Kind, string Url, byte[] Bytes)
    {
        /// <summary>The HTTP status of a response; 0 for a frame.</summary>
        public int Status { get; init; }
    }
}
