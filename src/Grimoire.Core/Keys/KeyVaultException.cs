namespace Grimoire.Core.Keys;

/// <summary>
/// A stored secret could not be encrypted or decrypted. The message names the key id or setting involved; it never
/// holds a key, a ciphertext or any part of the plain value.
/// </summary>
public sealed class KeyVaultException : Exception
{
    public KeyVaultException()
        : this("A stored secret could not be decrypted.")
    {
    }

    public KeyVaultException(string message)
        : base(message)
    {
    }

    public KeyVaultException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
