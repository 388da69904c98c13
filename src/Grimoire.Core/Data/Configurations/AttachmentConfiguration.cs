using Grimoire.Core.Attachments;
using Grimoire.Core.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grimoire.Core.Data.Configurations;

internal sealed class AttachmentConfiguration : IEntityTypeConfiguration<Attachment>
{
    public void Configure(EntityTypeBuilder<Attachment> builder)
    {
        builder.Property(a => a.Sha256).HasMaxLength(64).IsRequired();
        builder.Property(a => a.FileName).HasMaxLength(200).IsRequired();
        builder.Property(a => a.MediaType).HasMaxLength(100).IsRequired();
        builder.Property(a => a.StorageKey).HasMaxLength(100).IsRequired();
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(16);

        // A workspace's files go with it; a conversation's deletion is cleaned up by AttachmentCleanup (branches may share).
        builder.HasOne<Workspace>().WithMany().HasForeignKey(a => a.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Accounts.User>().WithMany().HasForeignKey(a => a.UploadedByUserId).OnDelete(DeleteBehavior.Cascade);

        // Dedupe and quota within a workspace; finding rows that share a stored object.
        builder.HasIndex(a => new { a.WorkspaceId, a.Sha256 });
        builder.HasIndex(a => a.StorageKey);
    }
}
