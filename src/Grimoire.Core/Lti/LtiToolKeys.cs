using System.Security.Cryptography;
using System.Text.Json;
using Grimoire.Core.Data;
using Grimoire.Core.Keys;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace Grimoire.Core.Lti;

/// <summary>
/// The tool's own RSA keys (X9): published at <c>/lti/jwks</c> and used to sign the client assertion for roster
/// sync. Generated on first use; the private key is sealed by <see cref="KeyVault"/> bound to its row. A rotation
/// (<c>grimoire lti rotate-key</c>) makes a new current key; the old one stays published for
/// <see cref="RetiredKeyPublishedFor"/> so a platform's cached key set keeps working.
/// </summary>
public sealed partial class LtiToolKeys(
    IDbContextFactory<GrimoireDbContext> contextFactory, KeyVault vault, TimeProvider time, ILogger<LtiToolKeys> logger)
{
    public static readonly TimeSpan RetiredKeyPublishedFor = TimeSpan.FromDays(30);

    /// <summary>The current signing key (created when there is none yet).</summary>
    public async Task<RsaSecurityKey> GetSigningKeyAsync(CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var key = await CurrentAsync(db, cancellationToken) ?? await CreateAsync(db, cancellationToken);
        var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(Convert.FromBase64String(vault.Decrypt(new EncryptedSecret(key.PrivateKeyCiphertext, key.EncryptionKeyId), key.Id)), out _);
        return new RsaSecurityKey(rsa) { KeyId = key.KeyId };
    }

    /// <summary>The public key set as JSON (<c>{"keys":[…]}</c>): the current key and recently retired ones.</summary>
    public async Task<string> GetJwksJsonAsync(CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await CurrentAsync(db, cancellationToken) is null)
        {
            await CreateAsync(db, cancellationToken);
        }

        var since = time.GetUtcNow().UtcDateTime - RetiredKeyPublishedFor;
        var keys = await db.LtiToolKeys.AsNoTracking().Where(k => k.RetiredAt == null || k.RetiredAt > since).ToListAsync(cancellationToken);
        var jwks = keys.OrderByDescending(k => k.CreatedAt).Select(k =>
        {
            using var rsa = RSA.Create();
            rsa.ImportSubjectPublicKeyInfo(k.PublicKey, out _);
            var p = rsa.ExportParameters(false);
            return new Dictionary<string, string>
            {
                ["kty"] = "RSA",
                ["alg"] = "RS256",
                ["use"] = "sig",
                ["kid"] = k.KeyId,
                ["n"] = Base64UrlEncoder.Encode(p.Modulus),
                ["e"] = Base64UrlEncoder.Encode(p.Exponent),
            };
        });
        return JsonSerializer.Serialize(new { keys = jwks });
    }

    /// <summary>Makes a new current key and retires the old one. Returns the new key's id.</summary>
    public async Task<string> RotateAsync(CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        await db.LtiToolKeys.Where(k => k.RetiredAt == null).ExecuteUpdateAsync(s => s.SetProperty(k => k.RetiredAt, now), cancellationToken);
        var key = await CreateAsync(db, cancellationToken);
        LogRotated(key.KeyId);
        return key.KeyId;
    }

    private static async Task<LtiToolKey?> CurrentAsync(GrimoireDbContext db, CancellationToken cancellationToken) =>
        (await db.LtiToolKeys.AsNoTracking().Where(k => k.RetiredAt == null).ToListAsync(cancellationToken))
            .OrderByDescending(k => k.CreatedAt).ThenByDescending(k => k.Id).FirstOrDefault();

    private async Task<LtiToolKey> CreateAsync(GrimoireDbContext db, CancellationToken cancellationToken)
    {
        using var rsa = RSA.Create(2048);
        var id = Guid.CreateVersion7();
        var sealedKey = vault.Encrypt(Convert.ToBase64String(rsa.ExportPkcs8PrivateKey()), id);
        var key = new LtiToolKey
        {
            Id = id,
            KeyId = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(12)),
            PublicKey = rsa.ExportSubjectPublicKeyInfo(),
            PrivateKeyCiphertext = sealedKey.Ciphertext,
            EncryptionKeyId = sealedKey.KeyId,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.LtiToolKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        LogCreated(key.KeyId);
        return key;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "LTI tool signing key {KeyId} created")]
    private partial void LogCreated(string keyId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "LTI tool signing key rotated: {KeyId} is now current; the previous key stays published for 30 days")]
    private partial void LogRotated(string keyId);
}
