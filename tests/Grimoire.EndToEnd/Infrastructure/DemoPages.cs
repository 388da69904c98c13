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
        await FollowAsync(page, page.Locator("[data-testid=course-row][data-course-code=DEMO-101] [data-testid=manage-course]"));
        await Assertions.Expect(page).ToHaveURLAsync(CoursePage());
        await Assertions.Expect(page.Locator("[data-testid=course-admin-root][data-interactive=true]")).ToHaveCountAsync(1);
    }

    /// <summary>
    /// Loads a link's target as a whole page. Clicking a link right after a page loaded sometimes left the next page
    /// without interactivity for good: the click becomes an enhanced navigation while the first page's circuit is
    /// still starting (see dotnet/aspnetcore#59657). A whole page load starts its own circuit.
    /// </summary>
    public static async Task FollowAsync(IPage page, ILocator link)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(link);
        var href = await link.GetAttributeAsync("href");
        Assert.False(string.IsNullOrEmpty(href), "The link has no href.");
        await page.GotoAsync(href);
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

    /// <summary>
    /// Picks a model and waits until the picker shows it: the picker sets its value asynchronously, so a message sent
    /// at once could still go to the previous model.
    /// </summary>
    public static async Task PickModelAsync(IPage page, string displayName)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.Locator("[data-testid=model-picker]").ClickAsync();
        await page.Locator(".mud-popover-open .model-option", new() { HasText = displayName }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=model-picker]")).ToHaveValueAsync(displayName);
    }

    [GeneratedRegex("/courses/[0-9a-f-]{36}$")]
    private static partial Regex CoursePage();
}
