using Grimoire.Core.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grimoire.Core.Data.Configurations;

internal sealed class CourseJobConfiguration : IEntityTypeConfiguration<CourseJob>
{
    public void Configure(EntityTypeBuilder<CourseJob> builder)
    {
        builder.Property(j => j.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(j => j.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(j => j.Message).HasMaxLength(1000);

        // A course's jobs stay with the course (courses are archived, not deleted).
        builder.HasOne(j => j.Course).WithMany().HasForeignKey(j => j.CourseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(j => j.Items).WithOne().HasForeignKey(i => i.JobId).OnDelete(DeleteBehavior.Cascade);

        // The Keys tab's "latest job of this course", and start-up's "jobs left running".
        builder.HasIndex(j => new { j.CourseId, j.StartedAt });
        builder.HasIndex(j => j.State);
    }
}
