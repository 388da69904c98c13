using Grimoire.Core.Accounts;
using Grimoire.Core.Courses;

namespace Grimoire.Core.Keys;

/// <summary>
/// A provider key minted for one student in one course (AC2.3). The key itself is only ever stored encrypted
/// (AC2.4); the provider-side hash is what we manage it by.
/// </summary>
public sealed class StudentApiKey
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid UserId { get; set; }

    public User? User { get; set; }

    public Guid CourseId { get; set; }

    public Course? Course { get; set; }

    public required string Provider { get; set; }

    /// <summary>AES-256-GCM ciphertext (nonce, tag and ciphertext), never the plain key.</summary>
    public required byte[] EncryptedKey { get; set; }

    /// <summary>Which encryption key sealed <see cref="EncryptedKey"/>, so that key can be rotated.</summary>
    public required string EncryptionKeyId { get; set; }

    /// <summary>The provider's identifier for the key (OpenRouter's "hash"); not a secret.</summary>
    public required string ProviderKeyHash { get; set; }

    /// <summary>Spending limit in USD enforced by the provider; null means no limit.</summary>
    public decimal? BudgetLimit { get; set; }

    public BudgetResetPeriod BudgetResetPeriod { get; set; }

    public DateTime? ExpiresAt { get; set; }

    public bool IsDisabled { get; set; }

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;

    public DateTime? RevokedAt { get; set; }

    /// <summary>Total spend in USD as the provider last reported it (at <see cref="SpendReadAt"/>); null until read.</summary>
    public decimal? SpendUsd { get; set; }

    /// <summary>Spend in the budget period (day, week or month) as last read, when the budget resets.</summary>
    public decimal? SpendThisPeriodUsd { get; set; }

    /// <summary>What the provider said was left of the limit when last read.</summary>
    public decimal? LimitRemainingUsd { get; set; }

    /// <summary>When spend was last read from the provider ("Refresh spend"); null when never.</summary>
    public DateTime? SpendReadAt { get; set; }

    /// <summary>The last read found no such key at the provider (deleted on its dashboard?).</summary>
    public bool IsMissingAtProvider { get; set; }
}
