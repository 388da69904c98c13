using Grimoire.EndToEnd.Infrastructure;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Grimoire.EndToEnd;

/// <summary>
/// A refused address answers 403 (AC2.6, AC8.6) yet stays a working page in the browser: the prerendered 403 still
/// boots its circuit, so the person can carry on from the refusal without reloading.
/// </summary>
public sealed class RefusedAddressTests : IClassFixture<BrowserApp>
{
    private readonly BrowserApp app;

    public RefusedAddressTests(BrowserApp app) => this.app = app;

    [Fact]
    public async Task A_student_at_a_conversation_that_is_not_theirs_gets_403_and_a_working_playground_AC8_6()
    {
        var (context, page, _) = await app.NewPageAsync();
        await using var __ = context;
        await SignInAsync(page, "alex");

        var response = await page.GotoAsync($"/playground/{Guid.NewGuid()}");

        Assert.Equal(403, response!.Status);
        await Assertions.Expect(page.Locator("[data-testid=composer-input][data-ready=true]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-testid=notice]")).ToContainTextAsync("not yours to open");
        await page.Locator("[data-testid=new-conversation]").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/playground/[0-9a-f-]{36}$"));
        await Assertions.Expect(page.Locator("[data-testid=conversation-item]")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task An_instructor_at_an_unknown_course_gets_403_and_a_live_page_to_navigate_on_AC2_6()
    {
        var (context, page, _) = await app.NewPageAsync();
        await using var __ = context;
        await SignInAsync(page, "instructor");

        var response = await page.GotoAsync($"/courses/{Guid.NewGuid()}");

        Assert.Equal(403, response!.Status);
        await Assertions.Expect(page.Locator("[data-testid=course-admin-root][data-interactive=true]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-testid=access-denied]")).ToBeVisibleAsync();
        await page.Locator("[data-testid=main-nav] a[href='/courses']").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=course-row][data-course-code=DEMO-101]")).ToBeVisibleAsync();
    }

    private static async Task SignInAsync(IPage page, string who)
    {
        await page.GotoAsync("/account/signin");
        await page.Locator($"button[data-email='{who}@demo.grimoire.test']").ClickAsync();
        await page.WaitForURLAsync("**/playground");
    }
}
