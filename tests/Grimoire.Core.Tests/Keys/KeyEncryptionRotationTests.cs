using System.Security.Cryptography;
using Grimoire.Core.Hosting;
using Grimoire.Core.Keys;
using Grimoire.Core.Lti;
using Grimoire.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace Grimoire.Core.Tests.Keys;

/// <summary><c>grimoire keys rotate-encryption</c>: every stored key moves to the current encryption key (AC2.4).</summary>
public abstract class KeyEncryptionRotationTests<TDatabase> : KeyDatabaseTest<TDatabase> where TDatabase : TestDatabase, new()
{
    private static readonly string NewKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private KeyVault VaultWith(Dictionary<string, string> retired) =>
        new(Microsoft.Extensions.Options.Options.Create(new KeyVaultOptions { EncryptionKey = NewKey, EncryptionKeyId = "k2", RetiredKeys = retired }),
            Db.Get<DataDirectory>(), Db.Get<IHostEnvironment>());

    [Fact]
    public async Task Rotation_re_encrypts_every_key_including_revoked_ones_and_reports_what_it_could_not()
    {
        var alex = await MintedKeyAsync(Alex);
        var priya = await MintedKeyAsync(Priya);
        await Keys.RevokeAsync(Instructor.Id, priya.Id, Ct);
        var sam = await MintedKeyAsync(Sam);
        await using (var db = Db.CreateContext())
        {
            await db.StudentApiKeys.Where(k => k.Id == sam.Id).ExecuteUpdateAsync(s => s.SetProperty(k => k.EncryptionKeyId, "k0"), Ct);
        }

        var demoKey = File.ReadAllText(Path.Combine(Db.Get<DataDirectory>().Path, "secrets", "demo-encryption.key"));
        var rotated = VaultWith(new() { ["demo"] = demoKey });
        var rotation = new KeyEncryptionRotation(Db.ContextFactory, rotated, NullLogger<KeyEncryptionRotation>.Instance);

        var report = await rotation.ReencryptAllAsync(Ct);

        Assert.Equal(new KeyRotationReport("k2", 2, 0, 1), report);
        await using var reader = Db.CreateContext();
        var rows = await reader.StudentApiKeys.AsNoTracking().ToDictionaryAsync(k => k.Id, Ct);
        Assert.Equal(("k2", "k2", "k0"), (rows[alex.Id].EncryptionKeyId, rows[priya.Id].EncryptionKeyId, rows[sam.Id].EncryptionKeyId));
        var newOnly = VaultWith([]);
        Assert.Equal(Fake.Key(alex.ProviderKeyHash).Plain, newOnly.Decrypt(rows[alex.Id]));
        Assert.Equal(Fake.Key(priya.ProviderKeyHash).Plain, newOnly.Decrypt(rows[priya.Id]));
        Assert.NotEqual(alex.EncryptedKey, rows[alex.Id].EncryptedKey);
        Assert.Throws<KeyVaultException>(() => Db.Get<KeyVault>().Decrypt(rows[alex.Id]));

        Assert.Equal(new KeyRotationReport("k2", 0, 2, 1), await rotation.ReencryptAllAsync(Ct));
    }

    [Fact]
    public async Task X9_rotation_re_encrypts_the_lti_tool_private_keys_too_retired_ones_included()
    {
        var before = new LtiToolKeys(Db.ContextFactory, Db.Get<KeyVault>(), TimeProvider.System, NullLogger<LtiToolKeys>.Instance);
        var retiredKid = (await before.GetSigningKeyAsync(Ct)).KeyId;
        var currentKid = await before.RotateAsync(Ct);
        var currentModulus = (await before.GetSigningKeyAsync(Ct)).Rsa.ExportParameters(false).Modulus;

        var demoKey = File.ReadAllText(Path.Combine(Db.Get<DataDirectory>().Path, "secrets", "demo-encryption.key"));
        var rotation = new KeyEncryptionRotation(Db.ContextFactory, VaultWith(new() { ["demo"] = demoKey }), NullLogger<KeyEncryptionRotation>.Instance);
        var report = await rotation.ReencryptAllAsync(Ct);

        Assert.Equal((2, 0), (report.LtiToolKeysReencrypted, report.Failed));
        await using var reader = Db.CreateContext();
        Assert.All(await reader.LtiToolKeys.AsNoTracking().ToListAsync(Ct), k => Assert.Equal("k2", k.EncryptionKeyId));
        Assert.Equal(2, await reader.LtiToolKeys.CountAsync(k => k.KeyId == retiredKid || k.KeyId == currentKid, Ct));

        // Only the new encryption key configured: the same signing key still opens (the platforms' cached JWKS still fits).
        var after = new LtiToolKeys(Db.ContextFactory, VaultWith([]), TimeProvider.System, NullLogger<LtiToolKeys>.Instance);
        var signing = await after.GetSigningKeyAsync(Ct);
        Assert.Equal(currentKid, signing.KeyId);
        Assert.Equal(currentModulus, signing.Rsa.ExportParameters(false).Modulus);
        Assert.Equal(0, (await rotation.ReencryptAllAsync(Ct)).LtiToolKeysReencrypted);
    }
}

public sealed class KeyEncryptionRotationTestsOnSqlite : KeyEncryptionRotationTests<SqliteTestDatabase>;

public sealed class KeyEncryptionRotationTestsOnPostgres : KeyEncryptionRotationTests<PostgresTestDatabase>;
