using System.Text;

namespace Grimoire.EndToEnd.Infrastructure;

/// <summary>
/// Looks for secrets in captured bytes in every form a careless serialiser could give them: as they are (UTF-8 and
/// UTF-16), base64 (standard and URL-safe, at each of the three alignments), and hex in either case. Fragments of
/// 20 characters count too (the tail, and every 10th offset from the start), so a truncated or split key is still
/// caught: any piece of 30 characters or more contains one. Secrets that are raw bytes (an encryption key) are
/// looked for as those bytes, in hex and in base64.
/// </summary>
public sealed class SecretScan
{
    private const int FragmentLength = 20;
    private const int FragmentStride = 10;

    private readonly List<(int Secret, string Form, byte[] Needle)> needles = [];
    private readonly int count;

    public SecretScan(IEnumerable<string> secrets)
        : this(secrets, [])
    {
    }

    public SecretScan(IEnumerable<string> secrets, IEnumerable<byte[]> rawSecrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        ArgumentNullException.ThrowIfNull(rawSecrets);
        foreach (var secret in secrets.Where(s => !string.IsNullOrEmpty(s)).Distinct(StringComparer.Ordinal))
        {
            var id = ++count;
            var bytes = Encoding.UTF8.GetBytes(secret);
            Add(id, "plain", bytes);
            Add(id, "utf-16", Encoding.Unicode.GetBytes(secret));
            AddEncodings(id, bytes);
            foreach (var fragment in Fragments(secret))
            {
                Add(id, "fragment", Encoding.UTF8.GetBytes(fragment));
            }
        }

        foreach (var raw in rawSecrets.Where(r => r is { Length: > 0 }))
        {
            var id = ++count;
            Add(id, "raw bytes", raw);
            AddEncodings(id, raw);
        }
    }

    /// <summary>How many distinct secrets are looked for.</summary>
    public int SecretCount => count;

    /// <summary>Each hit as "form of secret #n in where" (the secret itself is never repeated in the message).</summary>
    public IReadOnlyList<string> Find(string where, byte[] haystack)
    {
        ArgumentNullException.ThrowIfNull(haystack);
        return [.. needles
            .Where(n => haystack.AsSpan().IndexOf(n.Needle) >= 0)
            .Select(n => (n.Secret, n.Form))
            .Distinct()
            .Select(n => $"{n.Form} of secret #{n.Secret} in {where}")];
    }

    private void AddEncodings(int id, byte[] bytes)
    {
        Add(id, "hex", Encoding.ASCII.GetBytes(Convert.ToHexStringLower(bytes)));
        Add(id, "HEX", Encoding.ASCII.GetBytes(Convert.ToHexString(bytes)));
        for (var skip = 0; skip < 3; skip++)
        {
            // The middle of base64 of any text containing the secret, whatever its offset: drop partial edges.
            var encoded = Convert.ToBase64String([.. new byte[skip], .. bytes]);
            var stable = encoded[((skip + 2) / 3 * 4)..^4];
            if (stable.Length >= 16)
            {
                Add(id, "base64", Encoding.ASCII.GetBytes(stable));
                Add(id, "base64url", Encoding.ASCII.GetBytes(stable.Replace('+', '-').Replace('/', '_')));
            }
        }
    }

    private static IEnumerable<string> Fragments(string secret)
    {
        if (secret.Length <= FragmentLength + 4)
        {
            yield return secret;
            yield break;
        }

        for (var start = 0; start + FragmentLength <= secret.Length; start += FragmentStride)
        {
            yield return secret.Substring(start, FragmentLength);
        }

        yield return secret[^FragmentLength..];
    }

    private void Add(int secret, string form, byte[] needle) => needles.Add((secret, form, needle));
}
