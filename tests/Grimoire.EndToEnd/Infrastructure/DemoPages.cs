using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Grimoire.EndToEnd.Infrastructure;

/// <summary>The few steps every browser test repeats: sign in as a demo person, open DEMO-101's admin page or a tab.</summary>
public static partial class DemoPages
{
    public static async Task SignInAsync(IPage page, string who)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync("/account/signin");
        await page.Locator($"button[data-email='{who}@demo.grimoire.test']").ClickAsync();
        await page.WaitForURLAsync("**/playground");
    }

    /// <summary>From the course list to DEMO-101's admin page, once its circuit is live (clicks work only then).</summary>
    public static async Task OpenCourseAdminAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync("/courses");
        await page.Locator("[data-testid=course-row][data-course-code=DEMO-101] [data-testid=manage-course]").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(CoursePage());
        await Assertions.Expect(page.Locator("[data-testid=course-admin-root][data-interactive=true]")).ToHaveCountAsync(1);
    }

    public static Task OpenTabAsync(IPage page, string tab)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.Locator(".mud-tab", new() { HasText = tab }).ClickAsync();
    }

    /// <summary>Waits until the playground's circuit is live and the composer takes input.</summary>
    public static Task PlaygroundReadyAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return Assertions.Expect(page.Locator("[data-testid=composer-input][data-ready=true]")).ToHaveCountAsync(1);
    }

    [GeneratedRegex("/courses/[0-9a-f-]{36}$")]
    private static partial Regex CoursePage();
}
