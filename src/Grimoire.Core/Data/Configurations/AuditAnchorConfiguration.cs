using Grimoire.Core.Audit;
using Grimoire.Core.Audit.Anchors;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grimoire.Core.Data.Configurations;

internal sealed class AuditAnchorConfiguration : IEntityTypeConfiguration<AuditAnchor>
{
    public void Configure(EntityTypeBuilder<AuditAnchor> builder)
    {
        builder.ToTable(AuditAnchorStore.Table);
        builder.Property(a => a.NodeId).HasMaxLength(AuditFileName.MaxNodeIdLength);
        builder.Property(a => a.Hash).HasMaxLength(64);
        builder.Property(a => a.KeyId).HasMaxLength(64);
        builder.Property(a => a.Signature).HasMaxLength(64);

        // One anchor per node: the upsert in AuditAnchorStore relies on this index.
        builder.HasIndex(a => a.NodeId).IsUnique();
    }
}
