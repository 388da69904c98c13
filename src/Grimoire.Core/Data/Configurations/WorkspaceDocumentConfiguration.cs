using Grimoire.Core.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grimoire.Core.Data.Configurations;

internal sealed class WorkspaceDocumentConfiguration : IEntityTypeConfiguration<WorkspaceDocument>
{
    public void Configure(EntityTypeBuilder<WorkspaceDocument> builder)
    {
        builder.Property(d => d.Title).HasMaxLength(300);
        builder.Property(d => d.SourceType).HasMaxLength(32);

        builder.HasOne(d => d.Workspace).WithMany(w => w.Documents).HasForeignKey(d => d.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(d => new { d.WorkspaceId, d.SortOrder });

        // Exports of one conversation, newest version first. The conversation may be deleted; its documents stay.
        builder.HasOne<Playground.PlaygroundConversation>().WithMany().HasForeignKey(d => d.ConversationId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(d => new { d.ConversationId, d.Version }).IsUnique();
    }
}
