using System.Security.Cryptography;
using System.Text;
using Grimoire.Core.Hosting;
using Grimoire.Core.Keys;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace Grimoire.Core.Tests.Keys;

/// <summary>AES-256-GCM at rest (AC2.4): round trip, tamper detection, key ids and rotation, the demo key file.</summary>
public sealed class KeyVaultTests : IDisposable
{
    private const string Secret = "sk-or-v1-FAKE-test-secret-never-a-real-key-for-vault-tests";

    private static readonly string KeyOne = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private static readonly string KeyTwo = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private readonly string folder = Path.Combine(Path.GetTempPath(), "grimoire-vault-tests", Guid.NewGuid().ToString("N"));
    private readonly Guid record = Guid.NewGuid();

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private KeyVault Vault(string? key, string id = "k1", Dictionary<string, string>? retired = null, string environment = "Production") =>
        new(Microsoft.Extensions.Options.Options.Create(new KeyVaultOptions { EncryptionKey = key ?? "", EncryptionKeyId = id, RetiredKeys = retired ?? [] }),
            new DataDirectory(Microsoft.Extensions.Options.Options.Create(new GrimoireOptions { DataDirectory = folder }), new TestEnvironment(environment, folder)),
            new TestEnvironment(environment, folder));

    [Fact]
    public void A_value_round_trips_with_a_fresh_nonce_each_time()
    {
        var vault = Vault(KeyOne);

        var first = vault.Encrypt(Secret, record);
        var second = vault.Encrypt(Secret, record);

        Assert.Equal("k1", first.KeyId);
        Assert.Equal(Secret, vault.Decrypt(first, record));
        Assert.Equal(12 + 16 + Secret.Length, first.Ciphertext.Length);
        Assert.NotEqual(first.Ciphertext[..12], second.Ciphertext[..12]);
        Assert.NotEqual(first.Ciphertext, second.Ciphertext);
        Assert.Equal(-1, first.Ciphertext.AsSpan().IndexOf(Encoding.UTF8.GetBytes(Secret).AsSpan(9, 8)));
    }

    [Theory]
    [InlineData(0)]   // nonce
    [InlineData(12)]  // tag
    [InlineData(30)]  // ciphertext
    public void A_flipped_byte_anywhere_is_detected_and_nothing_of_the_value_comes_out(int position)
    {
        var vault = Vault(KeyOne);
        var sealedValue = vault.Encrypt(Secret, record);
        sealedValue.Ciphertext[position] ^= 0x01;

        var ex = Assert.Throws<KeyVaultException>(() => vault.Decrypt(sealedValue, record));

        Assert.Contains("integrity check", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-or-v1", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_does_not_decrypt_for_another_record_nor_when_truncated()
    {
        var vault = Vault(KeyOne);
        var sealedValue = vault.Encrypt(Secret, record);

        Assert.Throws<KeyVaultException>(() => vault.Decrypt(sealedValue, Guid.NewGuid()));
        Assert.Throws<KeyVaultException>(() => vault.Decrypt(sealedValue with { Ciphertext = sealedValue.Ciphertext[..20] }, record));
    }

    [Fact]
    public void An_unknown_key_id_names_the_setting_to_add_and_a_wrong_key_under_a_known_id_fails_the_check()
    {
        var sealedValue = Vault(KeyOne).Encrypt(Secret, record);

        var unknown = Assert.Throws<KeyVaultException>(() => Vault(KeyTwo, "k2").Decrypt(sealedValue, record));
        var wrong = Assert.Throws<KeyVaultException>(() => Vault(KeyTwo, "k1").Decrypt(sealedValue, record));

        Assert.Contains("'k1'", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("Grimoire:Secrets:RetiredKeys:k1", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("integrity check", wrong.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(KeyOne, unknown.Message + wrong.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(KeyTwo, unknown.Message + wrong.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Retired_keys_decrypt_but_never_encrypt_and_re_encryption_moves_a_value_to_the_new_id()
    {
        var old = Vault(KeyOne, "k1").Encrypt(Secret, record);
        var rotated = Vault(KeyTwo, "k2", new() { ["k1"] = KeyOne });

        Assert.True(rotated.NeedsReencryption(old.KeyId));
        var moved = rotated.Encrypt(rotated.Decrypt(old, record), record);

        Assert.Equal("k2", moved.KeyId);
        Assert.False(rotated.NeedsReencryption(moved.KeyId));
        Assert.Equal(Secret, Vault(KeyTwo, "k2").Decrypt(moved, record));
        Assert.Throws<KeyVaultException>(() => Vault(KeyOne, "k1").Decrypt(moved, record));
    }

    [Fact]
    public void The_demo_key_is_generated_once_owner_only_and_survives_a_restart()
    {
        var sealedValue = Vault(null, environment: "Demo").Encrypt(Secret, record);

        var restarted = Vault(null, environment: "Development");

        Assert.Equal("demo", sealedValue.KeyId);
        Assert.Equal(Secret, restarted.Decrypt(sealedValue, record));
        var file = Path.Combine(folder, "secrets", "demo-encryption.key");
        Assert.Equal(32, Convert.FromBase64String(File.ReadAllText(file)).Length);
        Assert.Single(Directory.GetFiles(Path.Combine(folder, "secrets")));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(file)!));
        }
    }

    [Fact]
    public void Without_a_key_outside_the_demo_setting_nothing_is_encrypted_and_no_key_file_is_made()
    {
        var ex = Assert.Throws<KeyVaultException>(() => Vault(null, environment: "Production").Encrypt(Secret, record));

        Assert.StartsWith("Grimoire:Secrets:EncryptionKey is required", ex.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(folder, "secrets")));
    }

    [Fact]
    public void Retired_keys_are_validated_by_name()
    {
        var validator = new KeyVaultOptionsValidator(new TestEnvironment("Production", folder));

        var result = validator.Validate(null, new KeyVaultOptions
        {
            EncryptionKey = KeyOne,
            EncryptionKeyId = "k2",
            RetiredKeys = new() { ["k1"] = "dG9vLXNob3J0", ["k2"] = KeyTwo, ["k0"] = KeyTwo },
        });

        Assert.True(result.Failed);
        Assert.Equal(2, result.Failures!.Count());
        Assert.Contains(result.Failures!, f => f.StartsWith("Grimoire:Secrets:RetiredKeys:k1 must be base64", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Grimoire:Secrets:RetiredKeys:k2 has the id of the current key", StringComparison.Ordinal));
        Assert.DoesNotContain(KeyTwo, result.FailureMessage, StringComparison.Ordinal);
    }

    private sealed class TestEnvironment(string name, string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "tests";
        public string ContentRootPath { get; set; } = root;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
