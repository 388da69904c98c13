using Grimoire.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Grimoire.Core.Keys;

/// <summary>
/// How many stored student keys a re-encryption moved, found already current, or could not decrypt (LTI tool keys that
/// failed count in <see cref="Failed"/> too), and how many LTI tool private keys it moved.
/// </summary>
public sealed record KeyRotationReport(string CurrentKeyId, int Reencrypted, int AlreadyCurrent, int Failed, int LtiToolKeysReencrypted = 0);

/// <summary>
/// Re-encrypts every stored key (revoked ones too) that is not sealed with the current encryption key
/// (<c>grimoire keys rotate-encryption</c>). Run it after making the new key current and listing the old one under
/// <c>Grimoire:Secrets:RetiredKeys</c>; once it reports no failures, the retired key can be removed. The LTI tool's
/// private signing keys (<c>LtiToolKeys</c>, retired ones too: they stay published for a while) move with them (X9).
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

        var (ltiMoved, ltiFailed) = await ReencryptLtiToolKeysAsync(current, cancellationToken);
        await using var counter = await contextFactory.CreateDbContextAsync(cancellationToken);
        var alreadyCurrent = await counter.StudentApiKeys.CountAsync(k => k.EncryptionKeyId == current, cancellationToken) - moved;
        logger.LogInformation("Re-encrypted {Moved} keys and {LtiMoved} LTI tool keys with '{KeyVaultId}'; {Failed} failed", moved, ltiMoved, current, failed.Count + ltiFailed);
        return new KeyRotationReport(current, moved, alreadyCurrent, failed.Count + ltiFailed, ltiMoved);
    }

    /// <summary>The tool's few RSA keys, each sealed bound to its own row id, as when it was made.</summary>
    private async Task<(int Moved, int Failed)> ReencryptLtiToolKeysAsync(string current, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var keys = await db.LtiToolKeys.Where(k => k.EncryptionKeyId != current).ToListAsync(cancellationToken);
        var (moved, failedCount) = (0, 0);
        foreach (var key in keys)
        {
            try
            {
                var resealed = vault.Encrypt(vault.Decrypt(new EncryptedSecret(key.PrivateKeyCiphertext, key.EncryptionKeyId), key.Id), key.Id);
                (key.PrivateKeyCiphertext, key.EncryptionKeyId) = (resealed.Ciphertext, resealed.KeyId);
                moved++;
            }
            catch (KeyVaultException ex)
            {
                failedCount++;
                logger.LogError("LTI tool key {KeyId} (sealed with '{KeyVaultId}') could not be re-encrypted: {Reason}", key.KeyId, key.EncryptionKeyId, ex.Message);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return (moved, failedCount);
    }
}
