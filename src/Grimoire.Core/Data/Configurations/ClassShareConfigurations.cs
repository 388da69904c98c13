using Grimoire.Core.Playground;
using Grimoire.Core.Playground.ClassShares;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grimoire.Core.Data.Configurations;

internal sealed class ClassShareConfiguration : IEntityTypeConfiguration<ClassShare>
{
    public void Configure(EntityTypeBuilder<ClassShare> builder)
    {
        builder.Property(s => s.Title).HasMaxLength(300);
        builder.HasOne(s => s.Course).WithMany().HasForeignKey(s => s.CourseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(s => s.SharedBy).WithMany().HasForeignKey(s => s.SharedByUserId).OnDelete(DeleteBehavior.Restrict);

        // The source and the snapshot are conversations without navigations; deleting either clears the link, the
        // share (and the copies students branched) stays.
        builder.HasOne<PlaygroundConversation>().WithMany().HasForeignKey(s => s.SourceConversationId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<PlaygroundConversation>().WithMany().HasForeignKey(s => s.SnapshotConversationId).OnDelete(DeleteBehavior.SetNull);

        // "The course's active shares" (a student's missing copies).
        builder.HasIndex(s => new { s.CourseId, s.WithdrawnAt });
    }
}

internal sealed class ClassShareCopyConfiguration : IEntityTypeConfiguration<ClassShareCopy>
{
    public void Configure(EntityTypeBuilder<ClassShareCopy> builder)
    {
        builder.HasOne(c => c.ClassShare).WithMany(s => s.Copies).HasForeignKey(c => c.ClassShareId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(c => c.Student).WithMany().HasForeignKey(c => c.StudentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<PlaygroundConversation>().WithMany().HasForeignKey(c => c.ConversationId).OnDelete(DeleteBehavior.SetNull);

        // One copy per share and student, even when two requests race to make it.
        builder.HasIndex(c => new { c.ClassShareId, c.StudentId }).IsUnique();
    }
}
