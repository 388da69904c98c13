using Grimoire.Core.Courses;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grimoire.Core.Data.Configurations;

internal sealed class CourseModelConfigConfiguration : IEntityTypeConfiguration<CourseModelConfig>
{
    public void Configure(EntityTypeBuilder<CourseModelConfig> builder)
    {
        builder.Property(m => m.Provider).HasMaxLength(32);
        builder.Property(m => m.ModelId).HasMaxLength(200);
        builder.Property(m => m.DisplayName).HasMaxLength(200);
        builder.Property(m => m.HostingRegion).HasMaxLength(100);
        builder.Property(m => m.InputPricePerMillion).HasPrecision(18, 6);
        builder.Property(m => m.OutputPricePerMillion).HasPrecision(18, 6);

        builder.HasOne(m => m.Course).WithMany(c => c.Models).HasForeignKey(m => m.CourseId).OnDelete(DeleteBehavior.Cascade);

        // A model appears once per course; the picker asks for a course's enabled models in order.
        builder.HasIndex(m => new { m.CourseId, m.Provider, m.ModelId }).IsUnique();
        builder.HasIndex(m => new { m.CourseId, m.IsEnabled, m.SortOrder });
    }
}
