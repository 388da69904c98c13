using Grimoire.Core.Annotation;
using Grimoire.Core.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grimoire.Core.Data.Configurations;

internal sealed class AnnotationTagConfiguration : IEntityTypeConfiguration<AnnotationTag>
{
    public void Configure(EntityTypeBuilder<AnnotationTag> builder)
    {
        builder.Property(t => t.Name).HasMaxLength(60);
        builder.Property(t => t.Colour).HasMaxLength(7);
        builder.Property(t => t.Description).HasMaxLength(300);
        builder.HasOne<Workspace>().WithMany().HasForeignKey(t => t.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(t => new { t.WorkspaceId, t.Name }).IsUnique();
    }
}

internal sealed class HighlightConfiguration : IEntityTypeConfiguration<Highlight>
{
    public void Configure(EntityTypeBuilder<Highlight> builder)
    {
        builder.Property(h => h.QuotedText).HasMaxLength(AnnotationLimits.MaxQuoteLength);
        builder.Property(h => h.Prefix).HasMaxLength(Highlight.ContextLength);
        builder.Property(h => h.Suffix).HasMaxLength(Highlight.ContextLength);
        builder.HasOne<WorkspaceDocument>().WithMany().HasForeignKey(h => h.DocumentId).OnDelete(DeleteBehavior.Cascade);
        // A tag with highlights is not deleted silently: the service asks, then removes them first.
        builder.HasOne(h => h.Tag).WithMany().HasForeignKey(h => h.TagId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(h => h.Author).WithMany().HasForeignKey(h => h.AuthorUserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(h => h.Comments).WithOne().HasForeignKey(c => c.HighlightId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(h => new { h.DocumentId, h.StartOffset });
    }
}

internal sealed class HighlightCommentConfiguration : IEntityTypeConfiguration<HighlightComment>
{
    public void Configure(EntityTypeBuilder<HighlightComment> builder)
    {
        builder.Property(c => c.Text).HasMaxLength(AnnotationLimits.MaxCommentLength);
        // Restrict, not cascade: two cascade paths from users (via highlights and directly) are refused by some databases.
        builder.HasOne(c => c.Author).WithMany().HasForeignKey(c => c.AuthorUserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => c.HighlightId);
    }
}
