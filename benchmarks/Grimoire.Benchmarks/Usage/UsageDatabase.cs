using Grimoire.Core;
using Grimoire.Core.Data;
using Grimoire.Core.Demo;
using Grimoire.Core.Playground;
using Grimoire.Core.Usage;
using Grimoire.Llm.Streaming;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Grimoire.Benchmarks.Usage;

/// <summary>
/// A fresh, migrated database (SQLite file or a new PostgreSQL database) with the demo seed and <see cref="Rows"/>
/// usage rows: 200 students, 12 models, a 120-day semester; 90% in the demo course, the rest in four other courses.
/// </summary>
internal sealed class UsageDatabase : IAsyncDisposable
{
    public const int Rows = 1_000_000;
    public const int SemesterDays = 120;

    private readonly string dataDirectory;
    private readonly string? postgresAdmin;
    private readonly string? postgresDatabase;

    private UsageDatabase(string dataDirectory, ServiceProvider services, string? postgresAdmin, string? postgresDatabase) =>
        (this.dataDirectory, Services, this.postgresAdmin, this.postgresDatabase) = (dataDirectory, services, postgresAdmin, postgresDatabase);

    public ServiceProvider Services { get; }

    public Guid CourseId { get; private set; }

    public Guid InstructorId { get; private set; }

    public Guid AdminId { get; private set; }

    public DateTime SemesterEnd { get; } = DateTime.SpecifyKind(DateTime.UtcNow.Date, DateTimeKind.Utc);

    public GrimoireDbContext CreateContext() => Services.GetRequiredService<IDbContextFactory<GrimoireDbContext>>().CreateDbContext();

    /// <param name="postgresAdmin">Null for SQLite; else a connection string to a server where a database may be created.</param>
    public static async Task<UsageDatabase> StartAsync(string? postgresAdmin)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "grimoire-benchmarks", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDirectory);
        string? database = null;
        var connection = "";
        if (postgresAdmin is not null)
        {
            database = "grimoire_usage_bench_" + Guid.NewGuid().ToString("N")[..12];
            await using (var admin = new NpgsqlConnection(postgresAdmin))
            {
                await admin.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", admin);
                await create.ExecuteNonQueryAsync();
            }

            connection = new NpgsqlConnectionStringBuilder(postgresAdmin) { Database = database }.ConnectionString;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Grimoire:DataDirectory"] = dataDirectory,
            ["Grimoire:Database:Provider"] = postgresAdmin is null ? nameof(DatabaseProvider.Sqlite) : nameof(DatabaseProvider.Postgres),
            ["Grimoire:Database:ConnectionString"] = connection,
        }).Build();
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddSingleton<IHostEnvironment>(new Environment(dataDirectory));
        collection.AddGrimoireCore(configuration);
        var usage = new UsageDatabase(dataDirectory, collection.BuildServiceProvider(), postgresAdmin, database);
        await usage.FillAsync();
        return usage;
    }

    private async Task FillAsync()
    {
        using (var scope = Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync(CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync(CancellationToken.None);
        }

        await using (var db = CreateContext())
        {
            CourseId = (await db.Courses.SingleAsync()).Id;
            InstructorId = (await db.Users.SingleAsync(u => u.Email == "instructor@" + DemoData.Domain)).Id;
            AdminId = (await db.Users.SingleAsync(u => u.Email == "admin@" + DemoData.Domain)).Id;
        }

        var random = new Random(13);
        var students = Enumerable.Range(0, 200).Select(_ => Guid.CreateVersion7()).ToArray();
        var others = Enumerable.Range(0, 4).Select(_ => Guid.CreateVersion7()).ToArray();
        var models = Enumerable.Range(0, 12).Select(i => (Provider: i < 8 ? "openrouter" : i < 10 ? "anthropic" : "openai-compatible", Model: $"vendor/model-{i:00}")).ToArray();
        var start = SemesterEnd.AddDays(-SemesterDays);
        const int batch = 10_000;
        for (var done = 0; done < Rows; done += batch)
        {
            await using var db = CreateContext();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = 0; i < batch; i++)
            {
                var (provider, model) = models[random.Next(models.Length)];
                var at = start.AddSeconds(random.NextDouble() * SemesterDays * 86_400);
                at = new DateTime(at.Ticks - (at.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
                var input = random.Next(50, 4_000);
                var output = random.Next(20, 2_000);
                db.UsageRecords.Add(new UsageRecord
                {
                    UserId = students[random.Next(students.Length)],
                    CourseId = random.Next(10) == 0 ? others[random.Next(others.Length)] : CourseId,
                    MessageId = Guid.CreateVersion7(),
                    Provider = provider,
                    Model = model,
                    Status = random.Next(50) == 0 ? MessageStatus.Failed : MessageStatus.Complete,
                    StartedAt = at,
                    FinishedAt = at.AddSeconds(3),
                    TimeToFirstTokenMs = random.Next(200, 3_000),
                    InputTokens = input,
                    OutputTokens = output,
                    Cost = Math.Round(((input * 3m) + (output * 15m)) / 1_000_000m, 8),
                    CostSource = CostSource.Provider,
                });
            }

            await db.SaveChangesAsync();
        }

        await using (var db = CreateContext())
        {
            // Fresh statistics, as a live database has them.
            await db.Database.ExecuteSqlRawAsync(postgresAdmin is null ? "ANALYZE" : "ANALYZE \"UsageRecords\"");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
        if (postgresAdmin is not null && postgresDatabase is not null)
        {
            await using var admin = new NpgsqlConnection(postgresAdmin);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{postgresDatabase}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }

        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    private sealed class Environment(string contentRoot) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Demo";
        public string ApplicationName { get; set; } = "Grimoire.Benchmarks";
        public string ContentRootPath { get; set; } = contentRoot;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
