using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Grimoire.LoadTest.Server;

/// <summary>
/// The web app as its own process (`dotnet Grimoire.Web.dll`, the build the driver was built with — Release with
/// <c>-c Release</c>), in the demo setting on a temporary data folder (SQLite) or on a PostgreSQL database. A separate
/// process, so its heap, working set and CPU are the server's alone, not the driver's.
/// </summary>
internal sealed class WebServer : IAsyncDisposable
{
    private readonly Process process;
    private readonly string dataDirectory;

    private WebServer(Process process, Uri baseUrl, string dataDirectory)
    {
        this.process = process;
        this.dataDirectory = dataDirectory;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public int ProcessId => process.Id;

    /// <summary>Starts the process with <paramref name="settings"/> (data folder and database included) and waits for /healthz.</summary>
    public static async Task<WebServer> StartAsync(int port, IReadOnlyDictionary<string, string> settings, CancellationToken ct)
    {
        var data = settings["Grimoire:DataDirectory"];
        var baseUrl = new Uri($"http://127.0.0.1:{(port == 0 ? FreePort() : port)}/");
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Grimoire.Web.dll"), "--urls", baseUrl.ToString().TrimEnd('/')])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Demo";
        start.Environment["Logging__LogLevel__Default"] = "Warning";

        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start)!;
        var errors = new List<string>();
        process.OutputDataReceived += (_, _) => { }; // drained, so a full pipe never blocks the server
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                lock (errors)
                {
                    errors.Add(line);
                }
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new WebServer(process, baseUrl, data);
        await server.WaitHealthyAsync(() => string.Join('\n', errors.TakeLast(20)), ct);
        return server;
    }

    private async Task WaitHealthyAsync(Func<string> stderr, CancellationToken ct)
    {
        using var client = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(5) };
        var until = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The web process exited with code {process.ExitCode} while starting:\n{stderr()}");
            }

            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException("The web process did not become healthy within 3 minutes.");
            }

            try
            {
                if ((await client.GetAsync(new Uri("/healthz", UriKind.Relative), ct)).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                // Busy starting.
            }

            await Task.Delay(200, ct);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the temp folder is the system's to clean.
        }
    }
}
