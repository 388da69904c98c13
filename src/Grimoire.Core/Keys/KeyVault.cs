using System.Security.Cryptography;
using System.Text;
using Grimoire.Core.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Grimoire.Core.Keys;

/// <summary>
/// Seals provider keys at rest (AC2.4): AES-256-GCM with a random 12-byte nonce per value, stored as
/// <c>nonce | tag | ciphertext</c> beside the id of the encryption key used. Each value is bound to the record it
/// belongs to (the record id is the associated data), so a ciphertext copied onto another student's row does not
/// decrypt. Retired keys (<c>Grimoire:Secrets:RetiredKeys</c>) decrypt but never encrypt. Decrypt only at the
/// moment of use.
/// </summary>
public sealed class KeyVault
{
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly Lazy<KeyRing> ring;

    public KeyVault(IOptions<KeyVaultOptions> options, DataDirectory dataDirectory, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(dataDirectory);
        ArgumentNullException.ThrowIfNull(environment);
        var settings = options.Value;
        // Built on first use, so a host that never touches a key never touches the demo key file; a failure is not cached.
        ring = new Lazy<KeyRing>(() => KeyRing.Load(settings, dataDirectory, environment), LazyThreadSafetyMode.PublicationOnly);
    }

    /// <summary>The id new values are sealed with.</summary>
    public string CurrentKeyId => ring.Value.CurrentId;

    /// <summary>
    /// A 32-byte key for one <paramref name="purpose"/> (e.g. signing the archive's anchors), derived with HKDF-SHA256
    /// from the encryption key <paramref name="keyId"/> — never that key itself — or null when no key has that id.
    /// Retired keys still derive, so what was signed before a rotation still checks.
    /// </summary>
    public byte[]? DeriveKey(string keyId, string purpose)
    {
        ArgumentException.ThrowIfNullOrEmpty(purpose);
        return ring.Value.Find(keyId) is { } key
            ? HKDF.DeriveKey(HashAlgorithmName.SHA256, key, 32, salt: [], info: Encoding.UTF8.GetBytes(purpose))
            : null;
    }

    /// <summary>True when a value sealed with <paramref name="keyId"/> should be re-encrypted with the current key.</summary>
    public bool NeedsReencryption(string keyId) => !string.Equals(keyId, CurrentKeyId, StringComparison.Ordinal);

    public EncryptedSecret Encrypt(string plaintext, Guid recordId)
    {
        ArgumentException.ThrowIfNullOrEmpty(plaintext);
        var keys = ring.Value;
        var plain = Encoding.UTF8.GetBytes(plaintext);
        try
        {
            var output = new byte[NonceSize + TagSize + plain.Length];
            var nonce = output.AsSpan(0, NonceSize);
            RandomNumberGenerator.Fill(nonce);
            using var aes = new AesGcm(keys.Current, TagSize);
            aes.Encrypt(nonce, plain, output.AsSpan(NonceSize + TagSize), output.AsSpan(NonceSize, TagSize), recordId.ToByteArray());
            return new EncryptedSecret(output, keys.CurrentId);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    /// <summary>The plain value, for the one call that needs it. Throws <see cref="KeyVaultException"/> (never with the value) when it cannot.</summary>
    public string Decrypt(EncryptedSecret secret, Guid recordId)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var key = ring.Value.Find(secret.KeyId) ?? throw new KeyVaultException(
            $"No encryption key with id '{secret.KeyId}' is configured: keep it under {KeyVaultOptions.Section}:RetiredKeys:{secret.KeyId} until `grimoire keys rotate-encryption` has moved its values.");
        var sealedBytes = secret.Ciphertext;
        if (sealedBytes is null || sealedBytes.Length < NonceSize + TagSize)
        {
            throw new KeyVaultException("A stored key is damaged (too short to be a sealed value).");
        }

        var plain = new byte[sealedBytes.Length - NonceSize - TagSize];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(
                sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), plain, recordId.ToByteArray());
            return Encoding.UTF8.GetString(plain);
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new KeyVaultException(
                $"A stored key failed its integrity check: it was altered, belongs to another record, or the key with id '{secret.KeyId}' is not the one that sealed it.");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    public string Decrypt(StudentApiKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Decrypt(new EncryptedSecret(key.EncryptedKey, key.EncryptionKeyId), key.Id);
    }

    /// <summary>Seals <paramref name="plaintext"/> into <paramref name="key"/> (its <see cref="StudentApiKey.Id"/> must be final).</summary>
    public void EncryptInto(StudentApiKey key, string plaintext)
    {
        ArgumentNullException.ThrowIfNull(key);
        var secret = Encrypt(plaintext, key.Id);
        key.EncryptedKey = secret.Ciphertext;
        key.EncryptionKeyId = secret.KeyId;
    }

    private sealed class KeyRing
    {
        private readonly Dictionary<string, byte[]> keys;

        private KeyRing(string currentId, Dictionary<string, byte[]> keys)
        {
            CurrentId = currentId;
            this.keys = keys;
        }

        public string CurrentId { get; }

        public byte[] Current => keys[CurrentId];

        public byte[]? Find(string keyId) => keys.GetValueOrDefault(keyId);

        public static KeyRing Load(KeyVaultOptions options, DataDirectory dataDirectory, IHostEnvironment environment)
        {
            var keys = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (var (id, value) in options.RetiredKeys)
            {
                keys[id] = Parse(value, $"{KeyVaultOptions.Section}:RetiredKeys:{id}");
            }

            string currentId;
            if (!string.IsNullOrWhiteSpace(options.EncryptionKey))
            {
                currentId = options.EncryptionKeyId;
                keys[currentId] = Parse(options.EncryptionKey, $"{KeyVaultOptions.Section}:EncryptionKey");
            }
            else if (HostingModes.IsDemo(environment))
            {
                currentId = DemoEncryptionKeyFile.KeyId;
                keys[currentId] = DemoEncryptionKeyFile.LoadOrCreate(dataDirectory.Ensure());
            }
            else
            {
                throw new KeyVaultException($"{KeyVaultOptions.Section}:EncryptionKey is required outside the demo setting.");
            }

            return new KeyRing(currentId, keys);
        }

        private static byte[] Parse(string base64, string setting)
        {
            var key = new byte[32];
            return Convert.TryFromBase64String(base64, key, out var length) && length == 32
                ? key
                : throw new KeyVaultException($"{setting} must be base64 of exactly 32 bytes.");
        }
    }
}
