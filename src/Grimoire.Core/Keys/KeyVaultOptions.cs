namespace Grimoire.Core.Keys;

/// <summary>Bound from <c>Grimoire:Secrets</c>. The encryption keys never appear in a log or message.</summary>
public sealed class KeyVaultOptions
{
    public const string Section = "Grimoire:Secrets";

    /// <summary>
    /// Base64 of 32 random bytes (AES-256). Required outside the demo setting; in the demo setting, when empty, a key
    /// is generated once into <c>{DataDirectory}/secrets/demo-encryption.key</c> (key id <c>demo</c>).
    /// </summary>
    public string EncryptionKey { get; set; } = "";

    /// <summary>Stored beside each encrypted value so the key can be rotated.</summary>
    public string EncryptionKeyId { get; set; } = "k1";

    /// <summary>
    /// Earlier encryption keys by id (<c>Grimoire:Secrets:RetiredKeys:&lt;id&gt;</c> = base64): they decrypt values
    /// sealed with them but never encrypt. <c>grimoire keys rotate-encryption</c> moves those values to the current key.
    /// </summary>
    public Dictionary<string, string> RetiredKeys { get; set; } = new(StringComparer.Ordinal);
}
