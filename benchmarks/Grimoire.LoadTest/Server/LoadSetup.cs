using System.Security.Cryptography;
using Grimoire.Core;
using Grimoire.Core.Courses;
using Grimoire.Core.Data;
using Grimoire.Core.Demo;
using Grimoire.Core.Keys;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Grimoire.LoadTest.Server;

/// <summary>
/// Prepares the database before the web process starts, with the product's own services (as `grimoire seed-demo`
/// does): migrate, seed the demo course, add the stand-in's GPT-4o-mini as the course's default model, and mint an
/// OpenRouter key for every student through the stand-in's key-management API (stored encrypted, as in production).
/// </summary>
internal static class LoadSetup
{
    public const string ModelId = "openai/gpt-4o-mini";
    public const string ModelName = "GPT-4o-mini (load stand-in)";

    /// <summary>The settings the driver's setup and the web process share.</summary>
    public static Dictionary<string, string> Settings(Uri standIn, string managementKey, string dataDirectory, string? postgres)
    {
        var settings = new Dictionary<string, string>
        {
            ["Grimoire:DataDirectory"] = dataDirectory,
            ["Grimoire:Providers:OpenRouter:BaseUrl"] = standIn.ToString().TrimEnd('/'),
            ["Grimoire:Providers:OpenRouter:ManagementKey"] = managementKey,
            ["Grimoire:Secrets:EncryptionKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Grimoire:SeedDemoData"] = "true",
        };
        if (postgres is not null)
        {
            settings["Grimoire:Database:Provider"] = "Postgres";
            settings["Grimoire:Database:ConnectionString"] = postgres;
        }

        return settings;
    }

    public static async Task PrepareAsync(IReadOnlyDictionary<string, string> settings, CancellationToken ct)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], EnvironmentName = "Demo" });
        builder.Configuration.Sources.Clear();
        builder.Configuration
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: false)
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)));
        builder.Logging.ClearProviders(); // the setup's failures throw; its progress lines would drown the report
        builder.Services.AddGrimoireCore(builder.Configuration);
        using var host = builder.Build();
        var services = host.Services;
        await services.GetRequiredService<DatabaseInitializer>().MigrateAsync(ct);
        await services.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync(ct);

        Guid courseId;
        Guid instructorId;
        await using (var db = await services.GetRequiredService<IDbContextFactory<GrimoireDbContext>>().CreateDbContextAsync(ct))
        {
            var course = await db.Courses.SingleAsync(c => c.Code == DemoData.CourseCode, ct);
            instructorId = (await db.Users.SingleAsync(u => u.Email == "instructor@" + DemoData.Domain, ct)).Id;
            courseId = course.Id;
            if (!await db.CourseModelConfigs.AnyAsync(m => m.CourseId == course.Id && m.ModelId == ModelId, ct))
            {
                var model = new CourseModelConfig
                {
                    CourseId = course.Id,
                    Provider = "openrouter",
                    ModelId = ModelId,
                    DisplayName = ModelName,
                    SortOrder = 0,
                    CostTier = CostTier.Low,
                    SupportsThinking = false,
                    ContextLength = 128_000,
                    MaxOutputTokens = 16_384,
                    InputPricePerMillion = 0.15m,
                    OutputPricePerMillion = 0.6m,
                };
                db.CourseModelConfigs.Add(model);
                await db.SaveChangesAsync(ct);
                course.DefaultModelConfigId = model.Id;
                await db.SaveChangesAsync(ct);
            }
        }

        await using var scope = services.CreateAsyncScope();
        var minted = await scope.ServiceProvider.GetRequiredService<StudentKeyProvisioner>()
            .MintMissingAsync(instructorId, courseId, "openrouter", ct);
        if (minted.Any(r => r.Outcome == KeyMintOutcome.Failed))
        {
            throw new InvalidOperationException("Minting the students' keys failed: " + string.Join("; ", minted.Select(r => r.Reason)));
        }
    }
}
