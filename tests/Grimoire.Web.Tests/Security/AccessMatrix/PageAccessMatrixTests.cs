using System.Net;

namespace Grimoire.Web.Tests.Security.AccessMatrix;

/// <summary>
/// The page half of the access matrix over HTTP on the real host (AC2.4, AC2.6, AC3.6, AC8.6): for every role and
/// address of <see cref="PageAccessMatrix"/>, the status code, and the prerendered HTML — the page itself when allowed;
/// the denial and none of the target's data when refused; and never a stored key (AC2.4).
/// </summary>
public sealed class PageAccessMatrixTests(AccessMatrixHost host) : IClassFixture<AccessMatrixHost>
{
    public static TheoryData<MatrixRole, string> Cases => PageAccessMatrix.Cases();

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task AC2_6_AC8_6_every_role_gets_exactly_what_the_matrix_says_at_every_address(MatrixRole role, string address)
    {
        var page = PageAccessMatrix.Pages.Single(p => p.Address == address);
        var expected = page.OutcomeFor(role);
        var url = host.Resolve(address);
        var client = await host.ClientAsync(role);

        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        var what = $"{role} at {address} should get {expected}, got {(int)response.StatusCode} {response.Headers.Location}";

        // AC2.4: whoever asks, wherever, no answer carries a stored key, in plain or encrypted form.
        AssertContainsNone(body, [AccessMatrixHost.PlainKey, host.StoredCiphertext, AccessMatrixHost.KeyHash], what);
        switch (expected)
        {
            case Shows shows:
                Assert.True(response.StatusCode == HttpStatusCode.OK, what);
                AssertContainsAll(body, shows.Markers, what);
                AssertContainsNone(body, [.. shows.Absent, page.DeniedMarker, PageSpec.AccessDenied], what);
                break;

            case SignIn:
                Assert.True(response.StatusCode == HttpStatusCode.Redirect, what);
                Assert.Equal("/account/signin", response.Headers.Location!.AbsolutePath);
                Assert.Equal("?ReturnUrl=" + Uri.EscapeDataString(url), response.Headers.Location.Query);
                AssertContainsNone(body, page.MustNotLeak, what);
                break;

            case RedirectsTo redirect:
                Assert.True(response.StatusCode == HttpStatusCode.Redirect, what);
                Assert.Equal(redirect.Path, response.Headers.Location!.AbsolutePath);
                break;

            case Forbidden forbidden when forbidden.ByPolicy:
                Assert.True(response.StatusCode == HttpStatusCode.Redirect, what);
                Assert.Equal("/account/access-denied", response.Headers.Location!.AbsolutePath);
                AssertContainsNone(body, page.MustNotLeak, what);
                using (var deniedPage = await client.GetAsync(response.Headers.Location))
                {
                    var denied = await deniedPage.Content.ReadAsStringAsync();
                    Assert.Equal(HttpStatusCode.Forbidden, deniedPage.StatusCode);
                    AssertContainsAll(denied, [PageSpec.AccessDenied], what);
                    AssertContainsNone(denied, page.MustNotLeak, what);
                }

                break;

            case Forbidden forbidden:
                Assert.True(response.StatusCode == HttpStatusCode.Forbidden, what);
                AssertContainsAll(body, [forbidden.Marker ?? page.DeniedMarker], what);
                AssertContainsNone(body, page.MustNotLeak, what);
                break;

            default:
                Assert.Fail($"Unknown outcome {expected}.");
                break;
        }
    }

    [Fact]
    public void AC8_6_the_matrix_covers_every_role_at_every_address_once()
    {
        var addresses = PageAccessMatrix.Pages.Select(p => p.Address).ToList();
        Assert.Equal(addresses.Count, addresses.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(addresses.Count * Enum.GetValues<MatrixRole>().Length, PageAccessMatrix.Cases().Count);
    }

    private void AssertContainsAll(string body, IEnumerable<string> markers, string what)
    {
        foreach (var marker in markers.Select(host.Resolve))
        {
            Assert.True(body.Contains(marker, StringComparison.Ordinal), $"{what}: missing «{marker}».");
        }
    }

    private void AssertContainsNone(string body, IEnumerable<string> texts, string what)
    {
        foreach (var text in texts.Select(host.Resolve))
        {
            Assert.False(body.Contains(text, StringComparison.Ordinal), $"{what}: must not contain «{text}».");
        }
    }
}
