using System.Security.Cryptography;
using Grimoire.Core.Data;
using Grimoire.Core.Keys;
using Grimoire.Core.Tests.Keys;
using Grimoire.OpenRouterStandIn;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Grimoire.EndToEnd.Infrastructure;

/// <summary>
/// The real host pointed at the product's own OpenRouter stand-in (catalogue, key management, chat that accepts only
/// keys it minted), with a known management key and encryption key, and every log line captured at every level.
/// Student keys are minted for real through the key-management API and stored encrypted, exactly as in production.
/// </summary>
public sealed class StandInBrowserApp : BrowserApp
{
    public const string ManagementKey = "sk-or-v1-mgmt-e2e-4f1c9a7be2d35086c1f9a4e7b2d50c38";

    /// <summary>Base64 of 32 random bytes, new per run: encrypts stored student keys.</summary>
    public static readonly string EncryptionKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private StandInBrowserApp(OpenRouterStandIn.OpenRouterStandIn standIn, CapturedLogs logs)
        : base(
            new Dictionary<string, string?>
            {
                ["Grimoire:Providers:OpenRouter:BaseUrl"] = standIn.BaseUrl.ToString().TrimEnd('/'),
                ["Grimoire:Providers:OpenRouter:ManagementKey"] = ManagementKey,
                ["Grimoire:Secrets:EncryptionKey"] = EncryptionKey,
            },
            services =>
            {
                services.AddSingleton<ILoggerProvider>(logs);
                // Every level reaches the captured logs, whatever the host's own filters: an operator may turn on
                // Debug or Trace to chase a problem, and a key must not appear in a log even then (AC2.4).
                services.Configure<LoggerFilterOptions>(filters => filters.AddFilter<CapturedLogs>(null, LogLevel.Trace));
            })
    {
        StandIn = standIn;
        Logs = logs;
    }

    public StandInBrowserApp()
        : this(Start(), new CapturedLogs())
    {
    }

    public OpenRouterStandIn.OpenRouterStandIn StandIn { get; }

    public CapturedLogs Logs { get; }

    /// <summary>The plain value of every student key the host stored, read back through its own vault.</summary>
    public async Task<IReadOnlyList<(string Email, string Hash, string Plain)>> StoredKeysAsync()
    {
        var vault = Services.GetRequiredService<KeyVault>();
        await using var db = await Services.GetRequiredService<IDbContextFactory<GrimoireDbContext>>().CreateDbContextAsync();
        var keys = await db.StudentApiKeys.AsNoTracking().Include(k => k.User).ToListAsync();
        return [.. keys.Select(k => (k.User!.Email, k.ProviderKeyHash, vault.Decrypt(k)))];
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await StandIn.DisposeAsync();
    }

    private static OpenRouterStandIn.OpenRouterStandIn Start() =>
        OpenRouterStandIn.OpenRouterStandIn.StartAsync(
            new OpenRouterStandInOptions { ManagementKey = ManagementKey, Pace = TimeSpan.FromMilliseconds(5) }, CancellationToken.None)
        .GetAwaiter().GetResult();
}
