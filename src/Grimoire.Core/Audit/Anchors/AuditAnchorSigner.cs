using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Grimoire.Core.Keys;

namespace Grimoire.Core.Audit.Anchors;

/// <summary>
/// Signs and checks anchors with HMAC-SHA256 under a key derived from the secrets key (<c>Grimoire:Secrets</c>),
/// which lives in the configuration (or, in the demo setting, in <c>{DataDirectory}/secrets</c>), never in the
/// archive folder or the database. So whoever can write the database cannot move an anchor to a rewritten chain's
/// hash without also holding that key. Singleton.
/// </summary>
public sealed class AuditAnchorSigner(KeyVault vault)
{
    /// <summary>The HKDF purpose: a signing key for anchors, distinct from every other use of the secrets key.</summary>
    public const string Purpose = "grimoire/audit-anchor/v1";

    /// <summary>The signature of <paramref name="receipt"/> under the current secrets key, and that key's id.</summary>
    public (string KeyId, string Signature) Sign(AuditReceipt receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        var keyId = vault.CurrentKeyId;
        return (keyId, Compute(DeriveOrThrow(keyId), receipt.NodeId, receipt.Sequence, receipt.Hash));
    }

    /// <summary>
    /// Null when <paramref name="anchor"/>'s signature checks out, else why not (altered, or signed with a key this
    /// installation does not have). Throws <see cref="KeyVaultException"/> when no secrets key is configured at all.
    /// </summary>
    public string? Problem(AuditAnchor anchor)
    {
        ArgumentNullException.ThrowIfNull(anchor);
        if (vault.DeriveKey(anchor.KeyId, Purpose) is not { } key)
        {
            return $"its signature was made with secrets key '{anchor.KeyId}', which is not configured here "
                + $"(keep it under {KeyVaultOptions.Section}:RetiredKeys:{anchor.KeyId})";
        }

        var expected = Compute(key, anchor.NodeId, anchor.Sequence, anchor.Hash);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(anchor.Signature ?? ""))
            ? null
            : "its signature does not match its record number and hash: the anchor was altered in the database";
    }

    private byte[] DeriveOrThrow(string keyId) =>
        vault.DeriveKey(keyId, Purpose) ?? throw new KeyVaultException($"No secrets key with id '{keyId}' is configured.");

    private static string Compute(byte[] key, string nodeId, long sequence, string hash)
    {
        try
        {
            var message = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{Purpose}\n{nodeId}\n{sequence}\n{hash}"));
            return Convert.ToHexStringLower(HMACSHA256.HashData(key, message));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }
}
