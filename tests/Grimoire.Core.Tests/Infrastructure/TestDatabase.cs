using Grimoire.Core;
using Grimoire.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace Grimoire.Core.Tests.Infrastructure;

/// <summary>
/// A fresh, migrated database for one test, on SQLite or on real PostgreSQL, reached through the same service
/// registration the host uses (<see cref="CoreServiceCollectionExtensions.AddGrimoireCore"/>).
/// </summary>
public abstract class TestDatabase : IAsyncLifetime
{
    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "grimoire-tests", Guid.NewGuid().ToString("N"));
    private ServiceProvider? services;
    private AsyncServiceScope scope;

    public abstract DatabaseProvider Provider { get; }

    /// <summary>Extra configuration for this test; set before <see cref="InitializeAsync"/>.</summary>
    public Dictionary<string, string?> Settings { get; } = new()
    {
        ["Grimoire:Providers:Simulated:DelayMs"] = "0",
    };

    /// <summary>One scope per test, like one request or circuit in the host.</summary>
    public IServiceProvider Services => services is null
        ? throw new InvalidOperationException("InitializeAsync has not run.")
        : scope.ServiceProvider;

    /// <summary>The test's data folder (database file, archive, demo secrets).</summary>
    public string DataDirectory => dataDirectory;

    /// <summary>The connection string the test's services use (a SQLite file name resolves against <see cref="DataDirectory"/>).</summary>
    public string ConnectionString { get; private set; } = "";

    public IDbContextFactory<GrimoireDbContext> ContextFactory => Services.GetRequiredService<IDbContextFactory<GrimoireDbContext>>();

    public GrimoireDbContext CreateContext() => ContextFactory.CreateDbContext();

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    protected abstract Task<string> CreateDatabaseAsync();

    protected abstract Task DropDatabaseAsync();

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(dataDirectory);
        var connectionString = ConnectionString = await CreateDatabaseAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Grimoire:DataDirectory"] = dataDirectory,
            ["Grimoire:Database:Provider"] = Provider.ToString(),
            ["Grimoire:Database:ConnectionString"] = connectionString,
            ["Grimoire:Accounts:SiteAdminEmails:0"] = "boss@uni.test",
        }).AddInMemoryCollection(Settings).Build();

        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddSingleton<IHostEnvironment>(new TestHostEnvironment(dataDirectory));
        collection.AddGrimoireCore(configuration);
        services = collection.BuildServiceProvider(validateScopes: true);

        scope = services.CreateAsyncScope();
        await Get<DatabaseInitializer>().MigrateAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (services is not null)
        {
            await scope.DisposeAsync();
            await services.DisposeAsync();
        }

        await DropDatabaseAsync();
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    private sealed class TestHostEnvironment(string contentRoot) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Demo";
        public string ApplicationName { get; set; } = "Grimoire.Core.Tests";
        public string ContentRootPath { get; set; } = contentRoot;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
