using System.Security.Cryptography;
using Grimoire.Core.Data;
using Grimoire.Core.Keys;
using Grimoire.Llm;
using Grimoire.OpenRouterStandIn.Keys;
using Microsoft.EntityFrameworkCore;

namespace Grimoire.Web.Hosting.DemoOpenRouter;

/// <summary>
/// Runs the OpenRouter stand-in on a loopback port for the life of the web host (demo setting only). Its management
/// key is made here, at random, and handed only to the server's OpenRouter options: it is never logged or shown.
/// The stand-in remembers nothing across runs, so on start it adopts the live keys the database holds (by hash; it
/// never sees a key until a student uses it): students keep chatting after a restart, their spend counting from zero.
/// Registered after the database start-up, so the schema is there.
/// </summary>
internal sealed class InProcessStandIn(IDbContextFactory<GrimoireDbContext> contextFactory, ILogger<InProcessStandIn> logger)
    : IHostedService, IAsyncDisposable
{
    private readonly TaskCompletionSource<Uri> address = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private OpenRouterStandIn.OpenRouterStandIn? standIn;

    /// <summary>The management key the stand-in accepts (and the server's OpenRouter options carry); never logged.</summary>
    public string ManagementKey { get; } = "sk-or-v1-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    /// <summary>The stand-in itself once started (tests look at its keys and calls); null before.</summary>
    public OpenRouterStandIn.OpenRouterStandIn? Running => standIn;

    /// <summary>Where the stand-in listens, once it has started; fails if it could not start.</summary>
    public Task<Uri> AddressAsync(CancellationToken cancellationToken) => address.Task.WaitAsync(cancellationToken);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            standIn = await OpenRouterStandIn.OpenRouterStandIn.StartAsync(new()
            {
                ManagementKey = ManagementKey,
                RequestLog = line => logger.LogDebug("Simulated OpenRouter: {Request}", line),
            }, cancellationToken);
        }
        catch (IOException ex)
        {
            // The demo still runs (simulated models, everything else); OpenRouter calls then say the stand-in is down.
            logger.LogError("The simulated OpenRouter (local stand-in) could not start: {Reason}. OpenRouter models and keys will not work", ex.Message);
            address.TrySetException(new InvalidOperationException($"The simulated OpenRouter (local stand-in) could not start: {ex.Message}"));
            return;
        }

        var adopted = await AdoptStoredKeysAsync(standIn, cancellationToken);
        address.TrySetResult(standIn.BaseUrl);
        logger.LogInformation(
            "OpenRouter is simulated by the local stand-in at {Address} (demo setting, no OpenRouter configured; {Adopted} stored keys adopted). Set {BaseUrl} and {ManagementKey}, or {Switch}=false, to turn it off",
            standIn.BaseUrl, adopted, "Grimoire:Providers:OpenRouter:BaseUrl", "Grimoire:Providers:OpenRouter:ManagementKey", SimulatedOpenRouter.Setting);
    }

    private async Task<int> AdoptStoredKeysAsync(OpenRouterStandIn.OpenRouterStandIn running, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var live = await db.StudentApiKeys.AsNoTracking()
            .Where(k => k.Provider == ProviderKinds.OpenRouter && k.RevokedAt == null)
            .Select(k => new { k.ProviderKeyHash, k.Course!.Code, k.User!.Email, k.BudgetLimit, k.BudgetResetPeriod, k.ExpiresAt, k.IsDisabled })
            .ToListAsync(cancellationToken);
        return live.Count(k => running.Adopt(new StandInKeyAdoption(
            k.ProviderKeyHash, KeyNaming.For(k.Code, k.Email), k.BudgetLimit, Reset(k.BudgetResetPeriod),
            k.ExpiresAt is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null, k.IsDisabled)));
    }

    private static string? Reset(BudgetResetPeriod period) => period switch
    {
        BudgetResetPeriod.Daily => "daily",
        BudgetResetPeriod.Weekly => "weekly",
        BudgetResetPeriod.Monthly => "monthly",
        _ => null,
    };

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref standIn, null) is { } running)
        {
            await running.DisposeAsync();
        }
    }
}
