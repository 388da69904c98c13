using System.Security.Cryptography;
using Grimoire.OpenRouterStandIn;

namespace Grimoire.LoadTest.Server;

/// <summary>
/// One run's parts: the OpenRouter stand-in in the driver's process (paced like a real model, observed), the prepared
/// database and the web process. All on loopback; disposed in reverse order.
/// </summary>
internal sealed class LoadRun : IAsyncDisposable
{
    private LoadRun(OpenRouterStandIn.OpenRouterStandIn standIn, WebServer web)
    {
        StandIn = standIn;
        Web = web;
    }

    public OpenRouterStandIn.OpenRouterStandIn StandIn { get; }

    public WebServer Web { get; }

    public static async Task<LoadRun> StartAsync(LoadOptions options, StandInPacing pacing, CancellationToken ct)
    {
        var managementKey = "sk-or-v1-load-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var standIn = await OpenRouterStandIn.OpenRouterStandIn.StartAsync(new OpenRouterStandInOptions
        {
            ManagementKey = managementKey,
            Pace = pacing.Pace,
            FirstTokenDelay = pacing.FirstToken,
            AnswerTokens = pacing.Tokens,
            WordsPerPiece = 1,
            Credits = 1_000_000m,
            StreamObserver = pacing.Observer,
        }, ct);
        try
        {
            var data = Directory.CreateTempSubdirectory("grimoire-load-").FullName;
            var settings = LoadSetup.Settings(standIn.BaseUrl, managementKey, data, options.Postgres);
            Console.WriteLine($"Preparing the {(options.Postgres is null ? "SQLite" : "PostgreSQL")} database (migrate, demo seed, stand-in model, student keys)…");
            await LoadSetup.PrepareAsync(settings, ct);
            Console.WriteLine("Starting the web process (Release build of this driver's Grimoire.Web)…");
            var web = await WebServer.StartAsync(options.Port, settings, ct);
            Console.WriteLine($"Web process {web.ProcessId} at {web.BaseUrl}; stand-in at {standIn.BaseUrl}.");
            return new LoadRun(standIn, web);
        }
        catch
        {
            await standIn.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Web.DisposeAsync();
        await StandIn.DisposeAsync();
    }
}

/// <summary>How the stand-in answers: a delta every <see cref="Pace"/>, <see cref="Tokens"/> tokens, after <see cref="FirstToken"/>.</summary>
internal sealed record StandInPacing(TimeSpan Pace, TimeSpan FirstToken, int Tokens, Func<ReadOnlyMemory<byte>, long, Action<int, string, long>?>? Observer)
{
    public static StandInPacing From(LoadOptions options, Func<ReadOnlyMemory<byte>, long, Action<int, string, long>?>? observer = null)
    {
        var rate = options.Int("rate", 40, 1, 1_000);
        return new StandInPacing(
            TimeSpan.FromSeconds(1.0 / rate), TimeSpan.FromMilliseconds(options.Int("first-token-ms", 1000, 0, 60_000)),
            options.Int("tokens", 600, 1, 100_000), observer);
    }
}
