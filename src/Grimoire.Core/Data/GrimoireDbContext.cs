using Grimoire.Core.Accounts;
using Grimoire.Core.Courses;
using Grimoire.Core.Keys;
using Grimoire.Core.Playground;
using Grimoire.Core.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace Grimoire.Core.Data;

/// <summary>
/// The one model for both databases. Provider-specific migrations live in Grimoire.Migrations.Sqlite and
/// Grimoire.Migrations.Postgres; the schema is only ever created by migrations, never by EnsureCreated.
/// </summary>
public sealed class GrimoireDbContext(DbContextOptions<GrimoireDbContext> options) : DbContext(options)
{
    public DbSet<User> Users => Set<User>();

    public DbSet<ExternalLogin> ExternalLogins => Set<ExternalLogin>();

    public DbSet<Course> Courses => Set<Course>();

    public DbSet<Enrollment> Enrollments => Set<Enrollment>();

    public DbSet<Workspace> Workspaces => Set<Workspace>();

    public DbSet<WorkspaceMember> WorkspaceMembers => Set<WorkspaceMember>();

    public DbSet<WorkspaceDocument> WorkspaceDocuments => Set<WorkspaceDocument>();

    // Annotation (issue 11, AC5).
    public DbSet<Annotation.AnnotationTag> AnnotationTags => Set<Annotation.AnnotationTag>();

    public DbSet<Annotation.Highlight> Highlights => Set<Annotation.Highlight>();

    public DbSet<Annotation.HighlightComment> HighlightComments => Set<Annotation.HighlightComment>();

    public DbSet<CourseModelConfig> CourseModelConfigs => Set<CourseModelConfig>();

    public DbSet<StudentApiKey> StudentApiKeys => Set<StudentApiKey>();

    public DbSet<PlaygroundConversation> PlaygroundConversations => Set<PlaygroundConversation>();

    public DbSet<PlaygroundMessage> PlaygroundMessages => Set<PlaygroundMessage>();

    /// <summary>Conversations shared with a class and each student's copy (AC8.4).</summary>
    public DbSet<Playground.ClassShares.ClassShare> ClassShares => Set<Playground.ClassShares.ClassShare>();

    public DbSet<Playground.ClassShares.ClassShareCopy> ClassShareCopies => Set<Playground.ClassShares.ClassShareCopy>();

    /// <summary>Files in workspace storage, referred to from messages (AC7.6).</summary>
    public DbSet<Attachments.Attachment> Attachments => Set<Attachments.Attachment>();

    /// <summary>Each archive node's newest record as the database saw it (issue 17 item 9).</summary>
    public DbSet<Audit.Anchors.AuditAnchor> AuditAnchors => Set<Audit.Anchors.AuditAnchor>();

    public DbSet<Jobs.CourseJob> CourseJobs => Set<Jobs.CourseJob>();

    /// <summary>One row per provider call (X1): tokens, cost, model, student, course, time, status.</summary>
    public DbSet<Usage.UsageRecord> UsageRecords => Set<Usage.UsageRecord>();

    // LTI 1.3 (issue 15, X9).
    public DbSet<Lti.LtiPlatform> LtiPlatforms => Set<Lti.LtiPlatform>();

    public DbSet<Lti.LtiDeployment> LtiDeployments => Set<Lti.LtiDeployment>();

    public DbSet<Lti.LtiLoginState> LtiLoginStates => Set<Lti.LtiLoginState>();

    public DbSet<Lti.LtiContextLink> LtiContextLinks => Set<Lti.LtiContextLink>();

    public DbSet<Lti.LtiToolKey> LtiToolKeys => Set<Lti.LtiToolKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(GrimoireDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);

        // Every timestamp is UTC, stored at microsecond precision so it round-trips identically on both databases.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();

        // Enums as readable strings: the database stays legible to an operator and survives reordering.
        configurationBuilder.Properties<CourseRole>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<CostTier>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<ThinkingControl>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<WorkspacePermission>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<BudgetResetPeriod>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<MessageRole>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<MessageStatus>().HaveConversion<string>().HaveMaxLength(16);
    }
}
