namespace Grimoire.Core.Keys;

/// <summary>
/// A sealed value as stored: <c>nonce (12) | tag (16) | ciphertext</c> of AES-256-GCM, and the id of the encryption
/// key that sealed it.
/// </summary>
public sealed record EncryptedSecret(byte[] Ciphertext, string KeyId);
