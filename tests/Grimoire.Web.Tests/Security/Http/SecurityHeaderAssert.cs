using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace Grimoire.Web.Tests.Security.Http;

/// <summary>What every response must carry (issue 17 item 3).</summary>
public static partial class SecurityHeaderAssert
{
    /// <summary>The policy the issue asks for, directive by directive.</summary>
    private static readonly Dictionary<string, string[]> IssuePolicy = new()
    {
        ["default-src"] = ["'self'"],
        ["script-src"] = ["'self'"],
        ["style-src"] = ["'self'", "'unsafe-inline'"],
        ["img-src"] = ["'self'", "data:"],
        ["connect-src"] = ["'self'"],
        ["object-src"] = ["'none'"],
        ["base-uri"] = ["'self'"],
        ["form-action"] = ["'self'"],
        ["frame-ancestors"] = ["'none'"],
    };

    /// <summary>
    /// The issue's policy exactly, except that <c>script-src</c> may also allow inline scripts by hash (the import map);
    /// never <c>'unsafe-inline'</c>, <c>'unsafe-eval'</c>, a host or a scheme; and <c>form-action</c> may also name one
    /// https origin, the OpenID Connect provider's (the sign-out form redirects there, issue 15). Returns the hashes allowed.
    /// </summary>
    public static IReadOnlyList<string> CarriesThePolicy(HttpResponseMessage response, string what)
    {
        ArgumentNullException.ThrowIfNull(response);
        var policy = Single(response.Headers, "Content-Security-Policy", what);
        var directives = policy.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => d.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToDictionary(d => d[0], d => d[1..]);
        Assert.True(IssuePolicy.Keys.Order().SequenceEqual(directives.Keys.Order()), $"{what}: directives {string.Join(", ", directives.Keys)}");
        var hashes = new List<string>();
        foreach (var (name, expected) in IssuePolicy)
        {
            var actual = directives[name];
            if (name == "script-src")
            {
                hashes.AddRange(actual.Where(s => s != "'self'"));
                Assert.All(hashes, h => Assert.Matches(HashSource(), h));
                actual = [.. actual.Where(s => s == "'self'")];
            }

            if (name == "form-action")
            {
                var origins = actual.Where(s => s != "'self'").ToList();
                Assert.True(origins.Count <= 1 && origins.All(o => HttpsOrigin().IsMatch(o)), $"{what}: form-action is '{string.Join(' ', actual)}'");
                actual = [.. actual.Where(s => s == "'self'")];
            }

            Assert.True(expected.SequenceEqual(actual), $"{what}: {name} is '{string.Join(' ', directives[name])}'");
        }

        Assert.Equal("nosniff", Single(response.Headers, "X-Content-Type-Options", what));
        Assert.Equal("no-referrer", Single(response.Headers, "Referrer-Policy", what));
        Assert.Equal("DENY", Single(response.Headers, "X-Frame-Options", what));
        Assert.Contains("camera=()", Single(response.Headers, "Permissions-Policy", what), StringComparison.Ordinal);
        return hashes;
    }

    [GeneratedRegex("^https://[a-z0-9.-]+(:[0-9]+)?$")]
    private static partial Regex HttpsOrigin();

    private static string Single(HttpResponseHeaders headers, string name, string what)
    {
        Assert.True(headers.TryGetValues(name, out var values), $"{what}: no {name} header");
        return Assert.Single(values);
    }

    [GeneratedRegex("^'sha256-[A-Za-z0-9+/]{43}='$")]
    private static partial Regex HashSource();
}
