using Grimoire.EndToEnd.Infrastructure;
using Microsoft.Playwright;
using static Grimoire.EndToEnd.Infrastructure.DemoPages;

namespace Grimoire.EndToEnd;

/// <summary>
/// Issue 17 item 13 in Chromium: "Mint for all students" shows "N of 10 minted, F failed" as each key is minted,
/// keeps going while the page is reloaded (the job and its counts are there again), can be cancelled (it stops after
/// the student in hand), and its result stays on the Keys tab for whoever comes back. The fake OpenRouter holds each
/// key creation until the test lets it through, so every count is exact.
/// </summary>
public sealed class KeyJobProgressTests : IClassFixture<GatedKeysBrowserApp>
{
    private readonly GatedKeysBrowserApp app;

    public KeyJobProgressTests(GatedKeysBrowserApp app) => this.app = app;

    [Fact]
    public async Task Minting_for_the_class_shows_progress_survives_a_reload_and_can_be_cancelled()
    {
        await app.AddStudentsAsync(7); // ten students in DEMO-101
        app.Fake.FailCreateFor.Add("student-002@uni.test");
        var (context, page, errors) = await app.NewPageAsync();
        await using var _ = context;
        await SignInAsync(page, "instructor");
        await OpenCourseAdminAsync(page);
        await OpenTabAsync(page, "Keys");
        await Assertions.Expect(page.Locator("[data-testid=key-row][data-status=none]")).ToHaveCountAsync(10);

        await page.Locator("[data-testid=keys-mint-all]").ClickAsync();
        await page.Locator(".mud-dialog button", new() { HasText = "Mint keys" }).ClickAsync();
        var progress = page.Locator("[data-testid=job-progress-text]");
        await Assertions.Expect(progress).ToHaveTextAsync("0 of 10 minted, 0 failed");
        await Assertions.Expect(page.Locator("[data-testid=keys-mint-all]")).ToBeDisabledAsync();

        app.Gate.Release(5); // alex, priya, sam, student-001, student-002 (which fails)
        await Assertions.Expect(progress).ToHaveTextAsync("4 of 10 minted, 1 failed");
        await Assertions.Expect(page.Locator("[data-testid=key-row][data-status=active]")).ToHaveCountAsync(4);

        // The page goes away and comes back: the job went on meanwhile, and is shown where it is.
        await page.GotoAsync("about:blank");
        app.Gate.Release(1);
        await app.Gate.HoldingAsync(1); // student-003 minted, student-004's key is being minted
        await page.GoBackAsync();
        await Assertions.Expect(page.Locator("[data-testid=course-admin-root][data-interactive=true]")).ToHaveCountAsync(1);
        await OpenTabAsync(page, "Keys");
        await Assertions.Expect(progress).ToHaveTextAsync("5 of 10 minted, 1 failed");

        // Cancel: the student in hand gets their key, nobody after them.
        await page.Locator("[data-testid=job-cancel]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=job-cancel]")).ToHaveTextAsync("Cancelling…");
        app.Gate.Release(1);
        var result = page.Locator("[data-testid=mint-results]");
        await Assertions.Expect(result).ToHaveAttributeAsync("data-state", "cancelled");
        await Assertions.Expect(result).ToContainTextAsync("6 of 10 minted, 1 failed; 3 not attempted");
        await Assertions.Expect(result.Locator("[data-testid=mint-failure][data-email='student-002@uni.test']")).ToContainTextAsync("OpenRouter had a problem (500)");
        await Assertions.Expect(page.Locator("[data-testid=key-row][data-status=active]")).ToHaveCountAsync(6);
        Assert.Equal(6, app.Fake.LiveKeys.Count);

        // Whoever comes back later finds the result.
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("[data-testid=course-admin-root][data-interactive=true]")).ToHaveCountAsync(1);
        await OpenTabAsync(page, "Keys");
        await Assertions.Expect(page.Locator("[data-testid=mint-results]")).ToContainTextAsync("cancelled. 6 of 10 minted, 1 failed; 3 not attempted");

        // Running it again goes only to the students still without a key.
        app.Fake.FailCreateFor.Clear();
        await page.Locator("[data-testid=keys-mint-all]").ClickAsync();
        await page.Locator(".mud-dialog button", new() { HasText = "Mint keys" }).ClickAsync();
        app.Gate.Release(4);
        await Assertions.Expect(page.Locator("[data-testid=mint-results]")).ToContainTextAsync("done. 4 of 10 minted, 0 failed, 6 already had a key");
        await Assertions.Expect(page.Locator("[data-testid=key-row][data-status=active]")).ToHaveCountAsync(10);
        Assert.Empty(errors);
    }
}
