using System.Security.Cryptography;
using Grimoire.Llm.Wire;

namespace Grimoire.Llm.Tests.Wire;

/// <summary>Base64 files in a request body: shortened for the View dialog, by hash for the archive (issue 10, AC7.4).</summary>
public sealed class DataUrlsTests
{
    private static readonly byte[] Bytes = [.. Enumerable.Range(0, 3000).Select(i => (byte)(i % 251))];

    private static string Body =>
        """{"messages":[{"content":[{"type":"image_url","image_url":{"url":"data:image/png;base64,""" + Convert.ToBase64String(Bytes) + "\"}}]}]}";

    [Fact]
    public void AC7_4_the_view_shows_base64_shortened_with_its_size()
    {
        var shown = DataUrls.Abbreviate(Body);

        Assert.Contains($"data:image/png;base64,{Convert.ToBase64String(Bytes)[..5]}… (2 KB)", shown, StringComparison.Ordinal);
        Assert.True(shown.Length < 200);
    }

    [Fact]
    public void AC7_4_the_archive_keeps_the_files_content_hash_instead_of_its_bytes()
    {
        var archived = DataUrls.ByHash(Body);

        Assert.Contains($"data:image/png;sha256,{Convert.ToHexStringLower(SHA256.HashData(Bytes))}", archived, StringComparison.Ordinal);
        Assert.DoesNotContain(";base64,", archived, StringComparison.Ordinal);
    }

    [Fact]
    public void AC7_4_a_body_without_files_is_unchanged()
    {
        const string body = """{"messages":[{"role":"user","content":"hi"}]}""";
        Assert.Same(body, DataUrls.Abbreviate(body));
        Assert.Same(body, DataUrls.ByHash(body));
    }

    [Fact]
    public void AC7_4_inlined_files_are_delimited_with_their_name_and_found_again()
    {
        var part = AttachedText.Format("my \"notes\".md", "text/markdown", 12, "# Title");

        var found = Assert.Single(AttachedText.Find("Question\n" + part));
        Assert.Equal(("my \"notes\".md", "text/markdown", 12L), found);
        Assert.EndsWith("# Title\n</attached-file>", part, StringComparison.Ordinal);
    }
}
