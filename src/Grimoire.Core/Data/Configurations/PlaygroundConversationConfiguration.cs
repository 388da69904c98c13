using Grimoire.Core.Playground;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grimoire.Core.Data.Configurations;

internal sealed class PlaygroundConversationConfiguration : IEntityTypeConfiguration<PlaygroundConversation>
{
    public void Configure(EntityTypeBuilder<PlaygroundConversation> builder)
    {
        builder.Property(c => c.Title).HasMaxLength(300);

        builder.HasOne(c => c.Workspace).WithMany().HasForeignKey(c => c.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(c => c.Course).WithMany().HasForeignKey(c => c.CourseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(c => c.Owner).WithMany().HasForeignKey(c => c.OwnerId).OnDelete(DeleteBehavior.Restrict);

        // Branches (X2) point at their source without navigations. Deleting the source (or the message) clears the
        // link instead of cascading: a branch is the student's own work and outlives where it came from. Each
        // foreign key gets its index by convention; the one on ForkedFromConversationId also serves "list the
        // branches of this conversation".
        builder.HasOne<PlaygroundConversation>().WithMany().HasForeignKey(c => c.ForkedFromConversationId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<PlaygroundMessage>().WithMany().HasForeignKey(c => c.ForkedFromMessageId).OnDelete(DeleteBehavior.SetNull);

        // "My conversations in this course, newest first" and "this workspace's conversations, newest first".
        builder.HasIndex(c => new { c.OwnerId, c.CourseId, c.UpdatedAt }).IsDescending(false, false, true);
        builder.HasIndex(c => new { c.WorkspaceId, c.UpdatedAt }).IsDescending(false, true);
        // An instructor reading a course's conversations by date.
        builder.HasIndex(c => new { c.CourseId, c.UpdatedAt }).IsDescending(false, true);
    }
}
