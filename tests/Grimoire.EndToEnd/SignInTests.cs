using Grimoire.EndToEnd.Infrastructure;
using Microsoft.Playwright;

namespace Grimoire.EndToEnd;

/// <summary>A new user's first minute, in a real browser against the real host.</summary>
public sealed class SignInTests : IClassFixture<BrowserApp>
{
    private readonly BrowserApp app;

    public SignInTests(BrowserApp app) => this.app = app;

    [Fact]
    public async Task A_demo_student_signs_in_reaches_the_playground_and_every_navigation_link_works()
    {
        var (context, page, consoleErrors) = await app.NewPageAsync();
        await using var _ = context;

        await page.GotoAsync("/playground");
        Assert.EndsWith("/account/signin?ReturnUrl=%2Fplayground", page.Url, StringComparison.Ordinal);

        await page.Locator("button[data-email='alex@demo.grimoire.test']").ClickAsync();
        await page.WaitForURLAsync("**/playground");

        var nav = page.Locator("[data-testid=main-nav]");
        await Assertions.Expect(page.Locator(".playground[data-interactive=true]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-testid=conversation-heading]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=signed-in-as]")).ToHaveTextAsync("Alex Rivera");
        await Assertions.Expect(page.Locator("[data-testid=model-picker]")).ToHaveValueAsync("Simulated Thinker");
        await Assertions.Expect(nav.GetByText("Admin")).ToHaveCountAsync(0);

        // Interactive navigation through the circuit: every link leads to a real page, not an error.
        await nav.GetByText("Courses").ClickAsync();
        await page.WaitForURLAsync("**/courses");
        await Assertions.Expect(page.Locator("[data-testid=course-list]")).ToContainTextAsync("DEMO-101");
        await Assertions.Expect(page.Locator("[data-testid=course-list]")).ToContainTextAsync("Student");

        await nav.GetByText("My conversations").ClickAsync();
        await page.WaitForURLAsync("**/conversations");
        await Assertions.Expect(page.Locator("[data-testid=no-conversations-yet]")).ToBeVisibleAsync();

        await nav.GetByText("Playground").ClickAsync();
        await page.WaitForURLAsync("**/playground");
        await Assertions.Expect(page.Locator("[data-testid=playground-course]")).ToContainTextAsync("DEMO-101");

        Assert.Empty(consoleErrors);
    }

    [Fact]
    public async Task The_demo_sign_in_buttons_show_name_address_and_role_on_their_own_lines_issue_17_item_11()
    {
        var (context, page, consoleErrors) = await app.NewPageAsync();
        await using var _ = context;

        await page.GotoAsync("/account/signin");

        // innerText is what a person reads: it applies the page's CSS (line breaks, letter case).
        var people = new Dictionary<string, string>
        {
            ["admin"] = "Jordan Admin\nadmin@demo.grimoire.test\nSite admin",
            ["instructor"] = "Dr. Morgan Lee\ninstructor@demo.grimoire.test\nInstructor",
            ["alex"] = "Alex Rivera\nalex@demo.grimoire.test\nStudent",
        };
        foreach (var (who, text) in people)
        {
            var button = page.Locator($"button[data-email='{who}@demo.grimoire.test']");
            Assert.Equal(text, (await button.InnerTextAsync()).Trim());
        }

        Assert.Empty(consoleErrors);
    }

    [Fact]
    public async Task A_site_admin_sees_the_admin_area_and_can_sign_out()
    {
        var (context, page, consoleErrors) = await app.NewPageAsync();
        await using var _ = context;

        await page.GotoAsync("/account/signin");
        await page.Locator("button[data-email='admin@demo.grimoire.test']").ClickAsync();
        await page.WaitForURLAsync("**/playground");
        await Assertions.Expect(page.Locator(".playground[data-interactive=true]")).ToHaveCountAsync(1);

        await page.Locator("[data-testid=main-nav]").GetByText("Admin").ClickAsync();
        await page.WaitForURLAsync("**/admin");
        await Assertions.Expect(page.Locator("[data-testid=admin-courses]")).ToContainTextAsync("DEMO-101");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync("**/account/signin?signedOut=true");
        await page.GotoAsync("/admin");
        Assert.Contains("/account/signin", page.Url, StringComparison.Ordinal);
        Assert.Empty(consoleErrors);
    }
}
