using Grimoire.Core.Data;
using Grimoire.Core.Keys;
using Grimoire.Core.Tests.Keys;
using Grimoire.Web.Hosting.DemoOpenRouter;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Grimoire.EndToEnd.Infrastructure;

/// <summary>
/// The host exactly as <c>dotnet run</c> starts it in the demo setting: no OpenRouter address, no management key, no
/// encryption key configured (issue 17 item 12). Every log line is captured at every level, so a test can look for
/// the in-process stand-in's management key and the keys it minted.
/// </summary>
public sealed class DemoBrowserApp : BrowserApp
{
    private DemoBrowserApp(CapturedLogs logs)
        : base(new Dictionary<string, string?>(), services =>
        {
            services.AddSingleton<ILoggerProvider>(logs);
            services.Configure<LoggerFilterOptions>(filters => filters.AddFilter<CapturedLogs>(null, LogLevel.Trace));
        })
    {
        Logs = logs;
    }

    public DemoBrowserApp()
        : this(new CapturedLogs())
    {
    }

    public CapturedLogs Logs { get; }

    /// <summary>The stand-in the web process runs for OpenRouter.</summary>
    public OpenRouterStandIn.OpenRouterStandIn StandIn =>
        Services.GetRequiredService<InProcessStandIn>().Running ?? throw new InvalidOperationException("The in-process stand-in is not running.");

    /// <summary>The management key the web process made for its stand-in (a secret like any other).</summary>
    public string ManagementKey => Services.GetRequiredService<InProcessStandIn>().ManagementKey;

    /// <summary>The plain value of every student key the host stored, read back through its own vault.</summary>
    public async Task<IReadOnlyList<(string Email, string Hash, string Plain)>> StoredKeysAsync()
    {
        var vault = Services.GetRequiredService<KeyVault>();
        await using var db = await Services.GetRequiredService<IDbContextFactory<GrimoireDbContext>>().CreateDbContextAsync();
        var keys = await db.StudentApiKeys.AsNoTracking().Include(k => k.User).ToListAsync();
        return [.. keys.Select(k => (k.User!.Email, k.ProviderKeyHash, vault.Decrypt(k)))];
    }
}
