namespace Grimoire.Core.Keys;

/// <summary>Bound from <c>Grimoire:Secrets</c>. The encryption key never appears in a log or message.</summary>
public sealed class KeyVaultOptions
{
    public const string Section = "Grimoire:Secrets";

    /// <summary>Base64 of 32 random bytes (AES-256). Required outside the demo setting.</summary>
    public string EncryptionKey { get; set; } = "";

    /// <summary>Stored beside each encrypted value so the key can be rotated.</summary>
    public string EncryptionKeyId { get; set; } = "k1";
}
