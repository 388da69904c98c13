using Grimoire.EndToEnd.Infrastructure;
using Grimoire.Web.Tests.Security;
using Microsoft.Playwright;

namespace Grimoire.EndToEnd;

/// <summary>
/// Issue 17 item 5 in a real browser: Chromium strips tabs and newlines and folds backslashes, so the test is what it
/// does with the address the server sends back, not what the server meant.
/// </summary>
public sealed class ReturnUrlTests : IClassFixture<BrowserApp>
{
    private readonly BrowserApp app;

    public ReturnUrlTests(BrowserApp app) => this.app = app;

    [Fact]
    public async Task After_the_demo_sign_in_every_redirect_trick_lands_on_this_sites_playground()
    {
        var offSite = new List<string>();
        foreach (var trick in RedirectTricks.Corpus)
        {
            var landed = await SignInWithReturnUrlAsync(trick);
            if (landed != app.BaseUrl + "/playground")
            {
                offSite.Add($"{Escape(trick)} -> {landed}");
            }
        }

        Assert.True(offSite.Count == 0, "Landed somewhere other than this site's playground:\n" + string.Join('\n', offSite));
    }

    [Fact]
    public async Task A_local_return_address_is_where_the_demo_sign_in_lands()
    {
        Assert.Equal(app.BaseUrl + "/courses", await SignInWithReturnUrlAsync("/courses"));
    }

    /// <summary>Signs Alex in from a sign-in page carrying this return address; the address the browser ends on.</summary>
    private async Task<string> SignInWithReturnUrlAsync(string returnUrl)
    {
        var (context, page, _) = await app.NewPageAsync();
        await using var _ = context;

        // Anything off this site is answered here, so an escape shows up as its address rather than a network error.
        await context.RouteAsync(
            url => !url.StartsWith(app.BaseUrl + "/", StringComparison.Ordinal),
            route => route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "text/html", Body = "<h1>off-site</h1>" }));

        await page.GotoAsync("/account/signin?ReturnUrl=" + Uri.EscapeDataString(returnUrl));
        await page.Locator("button[data-email='alex@demo.grimoire.test']").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/signin", StringComparison.Ordinal));
        return page.Url;
    }

    private static string Escape(string value) =>
        string.Concat(value.Select(c => c is < ' ' or > '~' ? $"\\u{(int)c:X4}" : c.ToString()));
}
