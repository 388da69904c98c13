using Grimoire.Core.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grimoire.Core.Data.Configurations;

internal sealed class ExternalLoginConfiguration : IEntityTypeConfiguration<ExternalLogin>
{
    public void Configure(EntityTypeBuilder<ExternalLogin> builder)
    {
        builder.Property(l => l.Issuer).HasMaxLength(ExternalLogin.MaxIssuerLength);
        builder.Property(l => l.Subject).HasMaxLength(ExternalLogin.MaxSubjectLength);
        builder.HasOne(l => l.User).WithMany(u => u.ExternalLogins).HasForeignKey(l => l.UserId).OnDelete(DeleteBehavior.Cascade);

        // The sign-in lookup; one identity is one person. And one identity per provider per person: a second subject
        // claiming an account that is already bound is refused, not silently added.
        builder.HasIndex(l => new { l.Issuer, l.Subject }).IsUnique();
        builder.HasIndex(l => new { l.UserId, l.Issuer }).IsUnique();
    }
}
