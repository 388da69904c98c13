using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Grimoire.OpenRouterStandIn.Http;

/// <summary>The credential of <c>Authorization: Bearer …</c>, and how keys are compared and hashed.</summary>
internal static class Bearer
{
    /// <summary>The bearer credential, or null when there is none.</summary>
    public static string? From(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string Prefix = "Bearer ";
        return header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) && header.Length > Prefix.Length
            ? header[Prefix.Length..].Trim()
            : null;
    }

    /// <summary>Compares in constant time, so response timing says nothing about the key.</summary>
    public static bool SameKey(string? presented, string expected) =>
        presented is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected));

    /// <summary>A key's hash as OpenRouter shows it: 64 lower-case hex characters (SHA-256 of the key).</summary>
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>The first characters of a hash, for log lines.</summary>
    public static string Short(string hash) => hash.Length > 8 ? hash[..8] + "…" : hash;
}
