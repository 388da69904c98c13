using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Grimoire.Llm.Wire;

/// <summary>
/// Base64 <c>data:</c> URLs in a request body, shortened: for people (<see cref="Abbreviate"/>,
/// <c>data:image/png;base64,iVBOR… (183 KB)</c>) and for the archive (<see cref="ByHash"/>, the SHA-256 of the
/// decoded bytes instead of the bytes). The exact body is still pinned by its own hash and byte count.
/// </summary>
public static partial class DataUrls
{
    public static string Abbreviate(string body) => Replace(body, (media, data) =>
        string.Create(CultureInfo.InvariantCulture, $"data:{media};base64,{data[..Math.Min(5, data.Length)]}… ({Size(data.Length / 4L * 3)})"));

    public static string ByHash(string body) => Replace(body, (media, data) =>
        $"data:{media};sha256,{Convert.ToHexStringLower(SHA256.HashData(Decode(data)))}");

    private static string Replace(string body, Func<string, string, string> with)
    {
        ArgumentNullException.ThrowIfNull(body);
        return body.Contains(";base64,", StringComparison.Ordinal)
            ? Pattern().Replace(body, m => with(m.Groups[1].Value, m.Groups[2].Value))
            : body;
    }

    private static byte[] Decode(string data)
    {
        // JSON may escape the slash as \/ ; anything undecodable is hashed as its text.
        var clean = data.Replace("\\/", "/", StringComparison.Ordinal);
        try
        {
            return Convert.FromBase64String(clean);
        }
        catch (FormatException)
        {
            return System.Text.Encoding.ASCII.GetBytes(clean);
        }
    }

    private static string Size(long bytes) => bytes < 1024 * 1024
        ? string.Create(CultureInfo.InvariantCulture, $"{Math.Max(1, bytes / 1024)} KB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MB");

    [GeneratedRegex(@"data:([\w.+/-]+);base64,([A-Za-z0-9+/=\\]+)")]
    private static partial Regex Pattern();
}
