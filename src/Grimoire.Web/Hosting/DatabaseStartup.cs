using Grimoire.Core.Data;
using Microsoft.Extensions.Options;

namespace Grimoire.Web.Hosting;

/// <summary>Migrates, recovers interrupted turns and seeds the demo before the server takes requests.</summary>
internal sealed class DatabaseStartup(IServiceScopeFactory scopeFactory, IOptions<DatabaseOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>()
            .InitializeAsync(options.Value.MigrateOnStartup, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
