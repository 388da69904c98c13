using Grimoire.Core.Access;
using Grimoire.Core.Accounts;
using Grimoire.Core.Data;
using Grimoire.Core.Demo;
using Grimoire.Core.Hosting;
using Grimoire.Core.Keys;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Grimoire.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>Registers the data model, options (validated at start-up) and the core services.</summary>
    public static IServiceCollection AddGrimoireCore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<GrimoireOptions>().Bind(configuration.GetSection(GrimoireOptions.Section)).ValidateOnStart();
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidator>();
        services.AddOptions<Accounts.AccountOptions>().Bind(configuration.GetSection(Accounts.AccountOptions.Section));
        services.AddOptions<KeyVaultOptions>().Bind(configuration.GetSection(KeyVaultOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<KeyVaultOptions>, KeyVaultOptionsValidator>();

        services.AddSingleton<DataDirectory>();
        services.AddDbContextFactory<GrimoireDbContext>((sp, builder) =>
        {
            var database = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            builder.UseGrimoireDatabase(database.Provider, ResolveConnectionString(database, sp.GetRequiredService<DataDirectory>()));
        });

        services.AddSingleton(TimeProvider.System);
        services.AddScoped<DatabaseInitializer>();
        services.AddScoped<DemoSeeder>();
        services.AddScoped<UserDirectory>();
        services.AddScoped<CourseAccess>();
        services.AddScoped<WorkspaceAccess>();
        services.AddScoped<Courses.CourseModels>();
        services.AddScoped<Playground.ConversationHistory>();
        services.AddScoped<Admin.SiteOverview>();
        return services;
    }

    private static string ResolveConnectionString(DatabaseOptions database, DataDirectory dataDirectory)
    {
        if (database.Provider != DatabaseProvider.Sqlite)
        {
            return database.ConnectionString;
        }

        if (string.IsNullOrWhiteSpace(database.ConnectionString))
        {
            return new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataDirectory.Ensure(), "grimoire.db") }.ToString();
        }

        // A relative SQLite file lives in the data folder, not wherever the process happened to start.
        var builder = new SqliteConnectionStringBuilder(database.ConnectionString);
        if (builder.DataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory && !Path.IsPathRooted(builder.DataSource))
        {
            builder.DataSource = Path.Combine(dataDirectory.Ensure(), builder.DataSource);
        }

        return builder.ToString();
    }
}
