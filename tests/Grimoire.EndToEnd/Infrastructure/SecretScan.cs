using System.Text;

namespace Grimoire.EndToEnd.Infrastructure;

/// <summary>
/// Looks for secrets in captured bytes in every form a careless serialiser could give them: as they are (UTF-8 and
/// UTF-16), base64 (standard and URL-safe, at each of the three alignments), and hex in either case. A fragment of
/// 20 characters from the secret's random tail counts too, so a truncated or split key is still caught.
/// </summary>
public sealed class SecretScan
{
    private readonly List<(string Secret, string Form, byte[] Needle)> needles = [];

    public SecretScan(IEnumerable<string> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        foreach (var secret in secrets.Where(s => !string.IsNullOrEmpty(s)).Distinct(StringComparer.Ordinal))
        {
            Add(secret, "plain", Encoding.UTF8.GetBytes(secret));
            Add(secret, "utf-16", Encoding.Unicode.GetBytes(secret));
            Add(secret, "hex", Encoding.ASCII.GetBytes(Convert.ToHexStringLower(Encoding.UTF8.GetBytes(secret))));
            Add(secret, "HEX", Encoding.ASCII.GetBytes(Convert.ToHexString(Encoding.UTF8.GetBytes(secret))));
            var bytes = Encoding.UTF8.GetBytes(secret);
            for (var skip = 0; skip < 3; skip++)
            {
                // The middle of base64 of any text containing the secret, whatever its offset: drop partial edges.
                var encoded = Convert.ToBase64String([.. new byte[skip], .. bytes]);
                var stable = encoded[((skip + 2) / 3 * 4)..^4];
                if (stable.Length >= 16)
                {
                    Add(secret, "base64", Encoding.ASCII.GetBytes(stable));
                    Add(secret, "base64url", Encoding.ASCII.GetBytes(stable.Replace('+', '-').Replace('/', '_')));
                }
            }

            var tail = secret.Length > 24 ? secret[^20..] : secret;
            Add(secret, "fragment", Encoding.UTF8.GetBytes(tail));
        }
    }

    public int SecretCount => needles.Select(n => n.Secret).Distinct().Count();

    /// <summary>Each hit as "form of secret #n in where" (the secret itself is never repeated in the message).</summary>
    public IReadOnlyList<string> Find(string where, byte[] haystack)
    {
        ArgumentNullException.ThrowIfNull(haystack);
        var secrets = needles.Select(n => n.Secret).Distinct().ToList();
        return [.. needles
            .Where(n => haystack.AsSpan().IndexOf(n.Needle) >= 0)
            .Select(n => $"{n.Form} of secret #{secrets.IndexOf(n.Secret) + 1} in {where}")];
    }

    private void Add(string secret, string form, byte[] needle) => needles.Add((secret, form, needle));
}
