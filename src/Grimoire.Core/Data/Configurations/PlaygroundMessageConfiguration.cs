using Grimoire.Core.Playground;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grimoire.Core.Data.Configurations;

internal sealed class PlaygroundMessageConfiguration : IEntityTypeConfiguration<PlaygroundMessage>
{
    public void Configure(EntityTypeBuilder<PlaygroundMessage> builder)
    {
        builder.Property(m => m.Model).HasMaxLength(200);
        builder.Property(m => m.Provider).HasMaxLength(32);
        builder.Property(m => m.Cost).HasPrecision(18, 8);
        builder.Property(m => m.GenerationId).HasMaxLength(200);
        builder.Property(m => m.RequestUrl).HasMaxLength(2000);

        builder.HasOne(m => m.Conversation).WithMany(c => c.Messages).HasForeignKey(m => m.ConversationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Courses.CourseModelConfig>().WithMany().HasForeignKey(m => m.ModelConfigId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne(m => m.AuthorUser).WithMany().HasForeignKey(m => m.AuthorUserId).OnDelete(DeleteBehavior.SetNull);

        // A conversation's messages in order; one message per position.
        builder.HasIndex(m => new { m.ConversationId, m.Sequence }).IsUnique();
        // Finding turns left streaming by a crash, to mark them interrupted at start-up.
        builder.HasIndex(m => m.Status);
    }
}
