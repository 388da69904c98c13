using Grimoire.Core.Access;
using Grimoire.Core.Accounts;
using Grimoire.Core.Data;
using Grimoire.Core.Demo;
using Grimoire.Core.Hosting;
using Grimoire.Core.Keys;
using Grimoire.Core.Playground;
using Grimoire.Core.Playground.Credentials;
using Grimoire.Core.Playground.Live;
using Grimoire.Core.Playground.Turns;
using Grimoire.Llm;
using Microsoft.Extensions.DependencyInjection.Extensions;
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
        services.AddOptions<Accounts.AccountOptions>().Bind(configuration.GetSection(Accounts.AccountOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<Accounts.AccountOptions>, Accounts.AccountOptionsValidator>();
        services.AddOptions<KeyVaultOptions>().Bind(configuration.GetSection(KeyVaultOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<KeyVaultOptions>, KeyVaultOptionsValidator>();

        services.AddSingleton<DataDirectory>();
        services.AddDbContextFactory<GrimoireDbContext>((sp, builder) =>
        {
            var database = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            builder.UseGrimoireDatabase(database.Provider, ResolveConnectionString(database, sp.GetRequiredService<DataDirectory>()));
        });

        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<DatabaseInitializer>();
        services.AddScoped<DemoSeeder>();

        // Stateless services over the context factory: singletons, so background turns can use them too.
        services.AddMetrics();
        services.AddSingleton<SignInMetrics>();
        services.AddSingleton<UserDirectory>();
        services.AddSingleton<ExternalAccounts>();
        Lti.LtiServiceCollectionExtensions.AddGrimoireLti(services);
        services.AddSingleton<CourseAccess>();
        services.AddSingleton<WorkspaceAccess>();
        services.AddSingleton<Workspaces.Sharing.WorkspaceMembershipSignals>();
        services.AddSingleton<Workspaces.Sharing.WorkspaceSharing>();
        services.AddSingleton<Courses.CourseModels>();
        services.AddSingleton<Courses.CourseDirectory>();
        services.AddSingleton<Playground.ConversationHistory>();
        services.AddSingleton<Admin.SiteOverview>();
        Annotation.AnnotationServiceCollectionExtensions.AddGrimoireAnnotation(services, configuration);

        services.AddGrimoireLlm(configuration);
        services.AddOptions<PlaygroundOptions>().Bind(configuration.GetSection(PlaygroundOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PlaygroundOptions>, PlaygroundOptionsValidator>();
        services.AddSingleton<ConversationStore>();
        services.AddSingleton<ConversationDeletions>();
        services.AddSingleton<ILiveTurnHub, InProcessLiveTurnHub>();
        services.AddSingleton<Playground.Presence.ConversationPresence>();
        // Per-student keys (seam 3): OpenRouter resolves to the student's own key; the rest fall back to the server resolver.
        services.AddSingleton<KeyVault>();
        services.AddSingleton<ServerProviderCredentials>();
        services.TryAddSingleton<IProviderCredentials, StudentKeyCredentials>();
        services.AddSingleton<StudentKeyProvisioner>();
        services.AddSingleton<KeyEncryptionRotation>();
        services.AddSingleton<Courses.Admin.IStudentUnenrolled, RevokeKeysOnUnenrollment>();
        // Limits, rates and their refusals (issue 17 items 7, 8): the refusal counter is on the "Grimoire" meter.
        services.AddMetrics();
        services.AddSingleton<PlaygroundLimits>();
        services.AddSingleton<PlaygroundRefusals>();
        services.AddSingleton<StudentRateLimiter>();
        services.AddSingleton<ConversationRateLimiter>();
        services.AddSingleton<StudentAnswerSlots>();
        services.AddSingleton<TurnStopper>();
        services.AddSingleton<TurnExecution>();
        services.AddSingleton<Playground.Recording.ConversationLedger>();
        services.AddSingleton<InterruptedTurnSweep>();
        services.AddSingleton<TurnRunner>();
        services.AddSingleton<Usage.Spend.SpendControl>();
        services.AddSingleton<Usage.UsageRebuild>();
        services.AddSingleton<Usage.Dashboard.CourseUsage>();
        services.AddSingleton<Usage.Site.SiteUsage>();
        services.AddSingleton<Usage.Spend.CourseBudgets>();
        services.AddSingleton<Usage.Spend.StudentSpend>();
        // Editing, regeneration (TurnRunner) and branching (seam 7).
        services.AddSingleton<Playground.Editing.MessageEditor>();
        services.AddSingleton<Playground.Forking.ConversationForks>();
        services.AddSingleton<Playground.ClassShares.ClassShareMetrics>();
        services.AddSingleton<Playground.ClassShares.ClassShares>();

        // File attachments (issue 10, AC7): local folder store by default.
        services.AddOptions<Attachments.AttachmentOptions>().Bind(configuration.GetSection(Attachments.AttachmentOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<Attachments.AttachmentOptions>, Attachments.AttachmentOptionsValidator>();
        services.TryAddSingleton<Attachments.Storage.IFileStore>(sp =>
            Attachments.Storage.StoreKinds.IsS3(sp.GetRequiredService<IOptions<Attachments.AttachmentOptions>>().Value)
                ? ActivatorUtilities.CreateInstance<Attachments.Storage.S3FileStore>(sp)
                : ActivatorUtilities.CreateInstance<Attachments.Storage.LocalFileStore>(sp));
        services.AddSingleton<Attachments.AttachmentMetrics>();
        services.AddSingleton<Attachments.AttachmentUploads>();
        services.AddSingleton<Attachments.AttachmentDownloads>();
        services.AddSingleton<Attachments.AttachmentContents>();
        services.AddSingleton<Attachments.AttachmentCleanup>();
        services.AddSingleton<Attachments.TurnAttachments>();

        // Long course operations with progress (issue 17 item 13): Jobs/CourseJobServiceCollectionExtensions.cs.
        Jobs.CourseJobServiceCollectionExtensions.AddCourseJobs(services);

        // Audit archive (seam 8): Audit/AuditServiceCollectionExtensions.cs. The web host also runs AuditArchiveService.
        Audit.AuditServiceCollectionExtensions.AddAuditArchive(services, configuration);

        // Course administration and site admin (seam 11): Courses/Admin/CourseAdminServiceCollectionExtensions.cs.
        Courses.Admin.CourseAdminServiceCollectionExtensions.AddCourseAdministration(services, configuration);
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
