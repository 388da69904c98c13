using Grimoire.Core.Usage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grimoire.Core.Data.Configurations;

internal sealed class UsageRecordConfiguration : IEntityTypeConfiguration<UsageRecord>
{
    public void Configure(EntityTypeBuilder<UsageRecord> builder)
    {
        builder.Property(u => u.Provider).HasMaxLength(32);
        builder.Property(u => u.Model).HasMaxLength(200);
        builder.Property(u => u.Cost).HasPrecision(18, 8);
        builder.Property(u => u.CostSource).HasConversion<string>().HasMaxLength(16);

        // One row per call (a regeneration reuses its message id): the rebuild from the archive relies on it.
        builder.HasIndex(u => new { u.MessageId, u.StartedAt }).IsUnique();
        // The course dashboard: a course's calls in a period (per day, per student, per model).
        builder.HasIndex(u => new { u.CourseId, u.StartedAt });
        // Spend control and the student's own view: one student's spend in a course since a time.
        builder.HasIndex(u => new { u.UserId, u.CourseId, u.FinishedAt });
        // The site admin's totals: every course's calls in a period (issue 13 item 4; docs/performance.md).
        builder.HasIndex(u => u.StartedAt);
    }
}
