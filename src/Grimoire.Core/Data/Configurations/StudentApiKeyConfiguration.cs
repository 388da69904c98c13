using Grimoire.Core.Keys;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grimoire.Core.Data.Configurations;

internal sealed class StudentApiKeyConfiguration : IEntityTypeConfiguration<StudentApiKey>
{
    public void Configure(EntityTypeBuilder<StudentApiKey> builder)
    {
        builder.Property(k => k.Provider).HasMaxLength(32);
        builder.Property(k => k.EncryptionKeyId).HasMaxLength(64);
        builder.Property(k => k.ProviderKeyHash).HasMaxLength(200);
        builder.Property(k => k.BudgetLimit).HasPrecision(18, 6);
        builder.Property(k => k.SpendUsd).HasPrecision(18, 8);
        builder.Property(k => k.SpendThisPeriodUsd).HasPrecision(18, 8);
        builder.Property(k => k.LimitRemainingUsd).HasPrecision(18, 8);

        // Keys must be revoked at the provider before their rows may go: never cascade them away.
        builder.HasOne(k => k.User).WithMany().HasForeignKey(k => k.UserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(k => k.Course).WithMany().HasForeignKey(k => k.CourseId).OnDelete(DeleteBehavior.Restrict);

        // The credential resolver's lookup (course, student, provider) and management by provider hash.
        builder.HasIndex(k => new { k.CourseId, k.UserId, k.Provider });
        builder.HasIndex(k => k.ProviderKeyHash).IsUnique();
    }
}
