using Grimoire.Core.Audit.Anchors;
using Grimoire.Core.Demo;
using Grimoire.Core.Hosting;
using Grimoire.Core.Playground.Turns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grimoire.Core.Data;

/// <summary>Brings the database to the current schema and state before anything serves a request.</summary>
public sealed class DatabaseInitializer(
    IDbContextFactory<GrimoireDbContext> contextFactory,
    DemoSeeder demoSeeder,
    InterruptedTurnSweep interruptedTurns,
    AuditAnchorCheck anchorCheck,
    IOptions<GrimoireOptions> options,
    ILogger<DatabaseInitializer> logger)
{
    public const string InterruptedMessage = InterruptedTurnSweep.InterruptedMessage;

    /// <summary>Applies every pending migration of the configured provider.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await db.Database.MigrateAsync(cancellationToken);
        logger.LogInformation("Database schema is current ({Applied} migration(s) applied now)", pending.Count);
    }

    /// <summary>
    /// Marks answers left "streaming" by a previous process as interrupted, keeping what arrived, each archived first
    /// (<see cref="InterruptedTurnSweep"/>). Single-node assumption: with several nodes this moves to a per-node lease
    /// (see docs/architecture.md).
    /// </summary>
    public Task<int> MarkInterruptedTurnsAsync(CancellationToken cancellationToken) => interruptedTurns.RunAsync(cancellationToken);

    /// <summary>
    /// Migrate (when asked), check this node's archive against the database's anchor (refusing to start when records
    /// the database saw are gone), recover interrupted turns, and seed the demo when configured and empty.
    /// </summary>
    public async Task InitializeAsync(bool migrate, CancellationToken cancellationToken)
    {
        if (migrate)
        {
            await MigrateAsync(cancellationToken);
        }

        await anchorCheck.CheckAsync(cancellationToken);
        await MarkInterruptedTurnsAsync(cancellationToken);

        if (options.Value.SeedDemoData)
        {
            await demoSeeder.SeedIfEmptyAsync(cancellationToken);
        }
    }
}
