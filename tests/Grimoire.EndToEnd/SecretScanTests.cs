using System.Security.Cryptography;
using System.Text;
using Grimoire.EndToEnd.Infrastructure;

namespace Grimoire.EndToEnd;

/// <summary>The leak detector itself must catch every form, or the secret-leak test proves nothing (AC2.4).</summary>
public sealed class SecretScanTests
{
    private const string Secret = "sk-or-v1-fake-scan-test-0123456789abcdef0123456789abcdef";

    private readonly SecretScan scan = new([Secret]);

    [Theory]
    [InlineData("")]
    [InlineData("x")]
    [InlineData("xy")]
    [InlineData("{\"authorization\":\"Bearer ")]
    public void AC2_4_finds_the_secret_base64_encoded_inside_other_text_at_any_alignment(string prefix)
    {
        var text = Convert.ToBase64String(Encoding.UTF8.GetBytes(prefix + Secret + "\"}"));
        var standard = scan.Find("test", Encoding.ASCII.GetBytes(text));
        var urlSafe = scan.Find("test", Encoding.ASCII.GetBytes(text.Replace('+', '-').Replace('/', '_')));

        Assert.Contains(standard, hit => hit.StartsWith("base64 ", StringComparison.Ordinal));
        Assert.Contains(urlSafe, hit => hit.StartsWith("base64", StringComparison.Ordinal));
    }

    [Fact]
    public void AC2_4_finds_the_secret_plain_in_utf16_in_hex_and_as_a_fragment()
    {
        Assert.Contains(scan.Find("t", Encoding.UTF8.GetBytes($"key={Secret};")), h => h.StartsWith("plain", StringComparison.Ordinal));
        Assert.Contains(scan.Find("t", Encoding.Unicode.GetBytes(Secret)), h => h.StartsWith("utf-16", StringComparison.Ordinal));
        Assert.Contains(scan.Find("t", Encoding.ASCII.GetBytes(Convert.ToHexString(Encoding.UTF8.GetBytes(Secret)))), h => h.StartsWith("HEX", StringComparison.Ordinal));
        Assert.Contains(scan.Find("t", Encoding.UTF8.GetBytes("…" + Secret[^22..])), h => h.StartsWith("fragment", StringComparison.Ordinal));
    }

    [Fact]
    public void AC2_4_names_where_without_repeating_the_secret_and_is_quiet_on_clean_bytes()
    {
        var hits = scan.Find("GET /x", Encoding.UTF8.GetBytes(Secret));
        Assert.All(hits, h => Assert.DoesNotContain(Secret[^20..], h, StringComparison.Ordinal));
        Assert.Contains(hits, h => h.EndsWith("in GET /x", StringComparison.Ordinal));
        Assert.Empty(scan.Find("clean", Encoding.UTF8.GetBytes("sk-or-v1-[redacted] and 0123456789")));
    }

    [Fact]
    public void AC2_4_finds_a_piece_cut_from_the_start_of_the_secret()
    {
        var hits = scan.Find("t", Encoding.UTF8.GetBytes("key: " + Secret[..32] + "…"));
        Assert.Contains(hits, h => h.StartsWith("fragment", StringComparison.Ordinal));
        Assert.DoesNotContain(hits, h => h.StartsWith("plain", StringComparison.Ordinal));
    }

    [Fact]
    public void AC2_4_finds_raw_key_bytes_as_they_are_in_hex_and_in_base64()
    {
        var raw = RandomNumberGenerator.GetBytes(32);
        var rawScan = new SecretScan([], [raw]);

        Assert.Equal(1, rawScan.SecretCount);
        Assert.Contains(rawScan.Find("t", [1, 2, .. raw, 3]), h => h.StartsWith("raw bytes", StringComparison.Ordinal));
        Assert.Contains(rawScan.Find("t", Encoding.ASCII.GetBytes("k=" + Convert.ToHexString(raw))), h => h.StartsWith("HEX", StringComparison.Ordinal));
        Assert.Contains(rawScan.Find("t", Encoding.ASCII.GetBytes("k=" + Convert.ToHexStringLower(raw))), h => h.StartsWith("hex", StringComparison.Ordinal));
        Assert.Contains(rawScan.Find("t", Encoding.ASCII.GetBytes("k=" + Convert.ToBase64String(raw).TrimEnd('='))), h => h.StartsWith("base64", StringComparison.Ordinal));
        Assert.Empty(rawScan.Find("t", RandomNumberGenerator.GetBytes(4096)));
    }
}
