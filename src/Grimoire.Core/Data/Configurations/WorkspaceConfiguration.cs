using Grimoire.Core.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grimoire.Core.Data.Configurations;

internal sealed class WorkspaceConfiguration : IEntityTypeConfiguration<Workspace>
{
    public void Configure(EntityTypeBuilder<Workspace> builder)
    {
        builder.Property(w => w.Title).HasMaxLength(300);

        // Courses are archived, not deleted: deleting one must not silently take students' work with it.
        builder.HasOne(w => w.Course).WithMany().HasForeignKey(w => w.CourseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(w => w.CourseId);
    }
}
