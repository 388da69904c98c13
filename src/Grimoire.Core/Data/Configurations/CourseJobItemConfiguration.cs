using Grimoire.Core.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grimoire.Core.Data.Configurations;

internal sealed class CourseJobItemConfiguration : IEntityTypeConfiguration<CourseJobItem>
{
    public void Configure(EntityTypeBuilder<CourseJobItem> builder)
    {
        builder.ToTable("CourseJobItems");
        builder.Property(i => i.Outcome).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.Subject).HasMaxLength(320);
        builder.Property(i => i.Reason).HasMaxLength(1000);
        builder.HasIndex(i => new { i.JobId, i.Position }).IsUnique();
    }
}
