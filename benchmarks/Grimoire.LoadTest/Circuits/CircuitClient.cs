using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Grimoire.LoadTest.Circuits;

/// <summary>
/// One browserless Blazor circuit on the playground, speaking blazor.web.js's side of the protocol: demo sign-in
/// (cookie), the prerendered page, a "blazorpack" hub connection to <c>/_blazor</c>, <c>StartCircuit</c>, the
/// first <c>UpdateRootComponents</c> once the server attached its renderer, an <c>OnRenderCompleted</c> ack for every
/// render batch, an answer to every JS interop call, and the composer's send (composer.js's
/// <c>SendFromKeyboard</c>, what Enter does in the browser).
/// </summary>
internal sealed class CircuitClient(Uri site, string email) : IAsyncDisposable
{
    private readonly CookieContainer cookies = new();
    private readonly JsInteropAnswers interop = new();
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private HubConnection? connection;
    private PrerenderedPage? page;
    private int rootComponentsSent;
    private long nextCallId;

    /// <summary>GRIMOIRE_LOAD_TRACE=1 prints every batch and interop call (to see why a circuit stalls).</summary>
    private static readonly bool Trace = Environment.GetEnvironmentVariable("GRIMOIRE_LOAD_TRACE") == "1";

    public CircuitTraffic Traffic { get; } = new();

    /// <summary>Called for every render batch as it arrives (on a pool thread), before it is acknowledged.</summary>
    public Action<ArrivedBatch>? OnBatch { get; set; }

    public string? CircuitId { get; private set; }

    public string? LastError { get; private set; }

    /// <summary>Signs in, loads /playground and starts its circuit; done when the composer is attached (interactive).</summary>
    public async Task StartAsync(CancellationToken ct)
    {
        using (var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = true }) { BaseAddress = site })
        {
            var signIn = await http.GetStringAsync(new Uri("/account/signin?returnUrl=%2Fplayground", UriKind.Relative), ct);
            var token = PrerenderedPage.AntiforgeryToken(signIn) ?? throw new InvalidOperationException("The sign-in page has no antiforgery token.");
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["email"] = email,
                ["returnUrl"] = "/playground",
                ["__RequestVerificationToken"] = token,
            });
            using var response = await http.PostAsync(new Uri("/account/dev-signin", UriKind.Relative), form, ct);
            response.EnsureSuccessStatusCode();
            var html = await response.Content.ReadAsStringAsync(ct);
            if (response.RequestMessage?.RequestUri?.AbsolutePath != "/playground")
            {
                throw new InvalidOperationException($"The demo sign-in for {email} ended at {response.RequestMessage?.RequestUri}, not /playground.");
            }

            page = PrerenderedPage.Read(html);
            if (page.Markers.Count == 0)
            {
                throw new InvalidOperationException("The playground page has no interactive server component markers.");
            }
        }

        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(site, "_blazor"), options =>
            {
                options.Cookies = cookies;
                options.Transports = HttpTransportType.WebSockets;
            });
        if (Trace)
        {
            builder.ConfigureLogging(logging => logging.AddConsole().SetMinimumLevel(LogLevel.Debug));
        }

        builder.Services.RemoveAll<IHubProtocol>();
        builder.Services.AddSingleton<IHubProtocol>(new BlazorPackProtocol(Traffic.Message));
        connection = builder.Build();
        connection.ServerTimeout = TimeSpan.FromMinutes(2);
        Listen(connection);
        connection.Closed += error =>
        {
            if (error is not null)
            {
                Fail("connection closed: " + error.Message);
            }

            return Task.CompletedTask;
        };

        await connection.StartAsync(ct);
        if (Trace)
        {
            Console.WriteLine($"[{email}] connected; starting the circuit with {page.Markers.Count} markers, state {page.ApplicationState.Length} chars");
        }

        CircuitId = await connection.InvokeAsync<string?>(
            "StartCircuit", site.ToString(), new Uri(site, "playground").ToString(), "[]", page.ApplicationState, ct);
        if (CircuitId is null)
        {
            throw new InvalidOperationException("StartCircuit returned no circuit id.");
        }

        await SendRootComponentsIfAttachedAsync();
        await ready.Task.WaitAsync(ct);
    }

    /// <summary>Sends a message the way Enter in the composer does; false when the composer is not attached.</summary>
    public async Task<bool> SendAsync(string text, CancellationToken ct)
    {
        if (connection is null || interop.ComposerObjectId is not { } composer)
        {
            return false;
        }

        var callId = Interlocked.Increment(ref nextCallId).ToString(CultureInfo.InvariantCulture);
        await connection.SendAsync("BeginInvokeDotNetFromJS", callId, null, "SendFromKeyboard", composer,
            JsonSerializer.Serialize(new[] { text }), ct);
        return true;
    }

    private void Listen(HubConnection hub)
    {
        hub.On("JS.RenderBatch", [typeof(long), typeof(byte[])], async args =>
        {
            var batchId = Convert.ToInt64(args[0], CultureInfo.InvariantCulture);
            var data = (byte[])args[1]!;
            Traffic.Batch(data.Length);
            if (Trace)
            {
                Console.WriteLine($"[{email}] batch {batchId}: {data.Length} B");
            }

            OnBatch?.Invoke(new ArrivedBatch(batchId, Stopwatch.GetTimestamp(), data));
            await hub.SendAsync("OnRenderCompleted", batchId, null);
        });
        // .NET 10: (asyncHandle, identifier, argsJson, resultType, targetInstanceId, callType).
        hub.On("JS.BeginInvokeJS", [typeof(long), typeof(string), typeof(string), typeof(int), typeof(long), typeof(int)], async args =>
        {
            var handle = Convert.ToInt64(args[0], CultureInfo.InvariantCulture);
            if (Trace)
            {
                Console.WriteLine($"[{email}] JS {handle} {args[1]} ({args[3]}) {args[2]}");
            }

            var answer = interop.Answer(handle, (string)args[1]!, (string?)args[2] ?? "[]", Convert.ToInt32(args[3], CultureInfo.InvariantCulture));
            if (handle != 0)
            {
                await hub.SendAsync("EndInvokeJSFromDotNet", handle, true, answer);
            }

            await SendRootComponentsIfAttachedAsync();
            if (interop.ComposerObjectId is not null)
            {
                ready.TrySetResult();
            }
        });
        hub.On("JS.EndInvokeDotNet", [typeof(string), typeof(bool), typeof(string)], args =>
        {
            if (args[1] is false)
            {
                Fail("a .NET call from the driver failed: " + args[2]);
            }

            return Task.CompletedTask;
        });
        hub.On("JS.Error", [typeof(string)], args =>
        {
            Fail("JS.Error: " + args[0]);
            return Task.CompletedTask;
        });
    }

    private async Task SendRootComponentsIfAttachedAsync()
    {
        if (connection is null || page is null || CircuitId is null || !interop.RendererAttached
            || Interlocked.Exchange(ref rootComponentsSent, 1) == 1)
        {
            return;
        }

        await connection.SendAsync("UpdateRootComponents", page.AddOperations(1), page.ApplicationState);
    }

    private void Fail(string why)
    {
        LastError = why;
        Traffic.Error();
        ready.TrySetException(new InvalidOperationException(why));
    }

    public async ValueTask DisposeAsync()
    {
        if (connection is not null)
        {
            await connection.DisposeAsync();
        }
    }
}
