using Grimoire.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Grimoire.Core.Keys;

/// <summary>How many stored keys a re-encryption moved, found already current, or could not decrypt.</summary>
public sealed record KeyRotationReport(string CurrentKeyId, int Reencrypted, int AlreadyCurrent, int Failed);

/// <summary>
/// Re-encrypts every stored key (revoked ones too) that is not sealed with the current encryption key
/// (<c>grimoire keys rotate-encryption</c>). Run it after making the new key current and listing the old one under
/// <c>Grimoire:Secrets:RetiredKeys</c>; once it reports no failures, the retired key can be removed.
/// </summary>
public sealed class KeyEncryptionRotation(IDbContextFactory<GrimoireDbContext> contextFactory, KeyVault vault, ILogger<KeyEncryptionRotation> logger)
{
    private const int BatchSize = 100;

    public async Task<KeyRotationReport> ReencryptAllAsync(CancellationToken cancellationToken)
    {
        var current = vault.CurrentKeyId;
        var failed = new List<Guid>();
        var moved = 0;
        while (true)
        {
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            var batch = await db.StudentApiKeys
                .Where(k => k.EncryptionKeyId != current && !failed.Contains(k.Id))
                .OrderBy(k => k.CreatedAt)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            foreach (var key in batch)
            {
                try
                {
                    vault.EncryptInto(key, vault.Decrypt(key));
                    moved++;
                }
                catch (KeyVaultException ex)
                {
                    failed.Add(key.Id);
                    logger.LogError("Key {KeyId} (sealed with '{KeyVaultId}') could not be re-encrypted: {Reason}", key.Id, key.EncryptionKeyId, ex.Message);
                }
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        await using var counter = await contextFactory.CreateDbContextAsync(cancellationToken);
        var alreadyCurrent = await counter.StudentApiKeys.CountAsync(k => k.EncryptionKeyId == current, cancellationToken) - moved;
        logger.LogInformation("Re-encrypted {Moved} keys with '{KeyVaultId}'; {Failed} failed", moved, current, failed.Count);
        return new KeyRotationReport(current, moved, alreadyCurrent, failed.Count);
    }
}
