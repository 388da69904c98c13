using Grimoire.Core.Courses;
using Grimoire.Core.Keys;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grimoire.Core.Data.Configurations;

internal sealed class CourseConfiguration : IEntityTypeConfiguration<Course>
{
    public void Configure(EntityTypeBuilder<Course> builder)
    {
        builder.Property(c => c.Code).HasMaxLength(32);
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.Term).HasMaxLength(64);
        builder.HasIndex(c => c.Code).IsUnique();
        builder.Property(c => c.DefaultKeyBudget).HasPrecision(18, 6);
        // Existing courses get a readable value rather than an empty string that is no enum member.
        builder.Property(c => c.DefaultKeyBudgetReset).HasDefaultValue(BudgetResetPeriod.Never);
        builder.Property(c => c.StudentBudget).HasPrecision(18, 6);
        builder.Property(c => c.CourseBudget).HasPrecision(18, 6);
        builder.Property(c => c.UsageBudgetReset).HasDefaultValue(BudgetResetPeriod.Never);
        builder.Property(c => c.TimeZoneId).HasMaxLength(64).HasDefaultValue("UTC");
        builder.Property(c => c.NearLimitShare).HasPrecision(5, 4).HasDefaultValue(0.8m);
        builder.Property(c => c.StudentsMayShareWorkspaces).HasDefaultValue(true);

        builder.HasOne<CourseModelConfig>()
            .WithMany()
            .HasForeignKey(c => c.DefaultModelConfigId)
            .OnDelete(DeleteBehavior.SetNull);
    }
}
