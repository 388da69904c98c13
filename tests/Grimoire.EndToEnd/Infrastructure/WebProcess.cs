using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Grimoire.EndToEnd.Infrastructure;

/// <summary>
/// The web app as its own operating-system process (`dotnet Grimoire.Web.dll`), in the demo setting on a data folder
/// the test owns, so a test can kill it the way a crash would and start it again on the same folder.
/// </summary>
public sealed class WebProcess : IDisposable
{
    private readonly Process process;

    private WebProcess(Process process, string baseUrl)
    {
        this.process = process;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    /// <summary>Starts the process and waits until /healthz answers (start-up, migrations and sweeps are done by then).</summary>
    public static async Task<WebProcess> StartAsync(string dataDirectory, IReadOnlyDictionary<string, string> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var baseUrl = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Grimoire.Web.dll"), "--urls", baseUrl])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Demo";
        start.Environment["Grimoire__DataDirectory"] = dataDirectory;
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { }; // drained, so a full pipe never blocks the server
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var web = new WebProcess(process, baseUrl);
        await web.WaitHealthyAsync();
        return web;
    }

    /// <summary>SIGKILL: no shutdown hook runs, no final write happens — what a crash or a pulled plug leaves.</summary>
    public async Task KillAsync()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        process.Dispose();
    }

    private async Task WaitHealthyAsync()
    {
        using var client = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(5) };
        for (var attempt = 0; ; attempt++)
        {
            Assert.False(process.HasExited, $"The web process exited with code {(process.HasExited ? process.ExitCode : 0)} while starting.");
            Assert.True(attempt < 1200, "The web process did not become healthy.");
            try
            {
                if ((await client.GetAsync(new Uri("/healthz", UriKind.Relative))).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Busy starting.
            }

            await Task.Delay(100);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
