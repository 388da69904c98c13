using Grimoire.Core.Courses;
using Grimoire.Core.Lti;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grimoire.Core.Data.Configurations;

internal sealed class LtiPlatformConfiguration : IEntityTypeConfiguration<LtiPlatform>
{
    public void Configure(EntityTypeBuilder<LtiPlatform> builder)
    {
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.Property(p => p.Issuer).HasMaxLength(Accounts.ExternalLogin.MaxIssuerLength);
        builder.Property(p => p.ClientId).HasMaxLength(255);
        builder.Property(p => p.AuthLoginUrl).HasMaxLength(LtiPlatform.MaxUrlLength);
        builder.Property(p => p.AuthTokenUrl).HasMaxLength(LtiPlatform.MaxUrlLength);
        builder.Property(p => p.JwksUrl).HasMaxLength(LtiPlatform.MaxUrlLength);
        builder.HasIndex(p => new { p.Issuer, p.ClientId }).IsUnique();
        builder.HasMany(p => p.Deployments).WithOne().HasForeignKey(d => d.PlatformId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class LtiDeploymentConfiguration : IEntityTypeConfiguration<LtiDeployment>
{
    public void Configure(EntityTypeBuilder<LtiDeployment> builder)
    {
        builder.Property(d => d.DeploymentId).HasMaxLength(LtiDeployment.MaxDeploymentIdLength);
        builder.HasIndex(d => new { d.PlatformId, d.DeploymentId }).IsUnique();
    }
}

internal sealed class LtiLoginStateConfiguration : IEntityTypeConfiguration<LtiLoginState>
{
    public void Configure(EntityTypeBuilder<LtiLoginState> builder)
    {
        builder.Property(s => s.State).HasMaxLength(64);
        builder.HasIndex(s => s.State).IsUnique();
        builder.Property(s => s.Nonce).HasMaxLength(64);
        builder.Property(s => s.TargetLinkUri).HasMaxLength(LtiPlatform.MaxUrlLength);
        builder.HasOne<LtiPlatform>().WithMany().HasForeignKey(s => s.PlatformId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => s.ExpiresAt);
    }
}

internal sealed class LtiContextLinkConfiguration : IEntityTypeConfiguration<LtiContextLink>
{
    public void Configure(EntityTypeBuilder<LtiContextLink> builder)
    {
        builder.Property(l => l.ContextId).HasMaxLength(255);
        builder.Property(l => l.MembershipsUrl).HasMaxLength(LtiPlatform.MaxUrlLength);
        builder.HasOne<LtiPlatform>().WithMany().HasForeignKey(l => l.PlatformId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Course>().WithMany().HasForeignKey(l => l.CourseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(l => new { l.PlatformId, l.ContextId }).IsUnique();
    }
}

internal sealed class LtiToolKeyConfiguration : IEntityTypeConfiguration<LtiToolKey>
{
    public void Configure(EntityTypeBuilder<LtiToolKey> builder)
    {
        builder.Property(k => k.KeyId).HasMaxLength(64);
        builder.Property(k => k.EncryptionKeyId).HasMaxLength(64);
        builder.HasIndex(k => k.KeyId).IsUnique();
    }
}
