namespace Grimoire.Web.Tests.Security;

/// <summary>
/// Return addresses that try to leave the site after sign-in (issue 17 item 5). Each one either is off-site as
/// written, becomes off-site after a browser strips or folds a character (tabs and newlines are removed, backslashes
/// read as slashes, leading spaces trimmed), or would be once a proxy decodes it. Shared by the HTTP tests of both
/// sign-in paths and the browser test of the development sign-in.
/// </summary>
public static class RedirectTricks
{
    public static TheoryData<string> All => [.. Corpus];

    public static IReadOnlyList<string> Corpus { get; } =
    [
        "//evil.example",
        "//evil.example/playground",
        "https://evil.example",
        "http://evil.example/",
        "HTTPS://evil.example",
        "javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "/\\evil.example",
        "\\\\evil.example",
        "\\/evil.example",
        "/\t/evil.example",
        "/\n/evil.example",
        "/\r\n/evil.example",
        "/\t\\evil.example",
        "\t//evil.example",
        " //evil.example",
        "/ /evil.example",
        "/%09/evil.example",
        "/%0a/evil.example",
        "/%5Cevil.example",
        "/%5cevil.example",
        "/%2F/evil.example",
        "/%2f%2fevil.example",
        "/%252F/evil.example",
        "/%255Cevil.example",
        "/\u2215evil.example",
        "/\u2044evil.example",
        "\uFF0F\uFF0Fevil.example",
        "/\uFF3Cevil.example",
        "/\u0000/evil.example",
        "/\u007F/evil.example",
        "/\u3000/evil.example",
        "@evil.example",
        "evil.example",
        "~//evil.example",
        "~/\\evil.example",
    ];
}
