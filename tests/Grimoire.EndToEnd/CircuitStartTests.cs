using Grimoire.EndToEnd.Infrastructure;
using Microsoft.Playwright;

namespace Grimoire.EndToEnd;

/// <summary>
/// Issue 17 item 2: between the prerendered page and its live circuit nothing may be typed or clicked, visibly, so
/// nothing a person does is lost. The circuit's start is held back on purpose (its negotiate request waits for the
/// test), which makes the window as long as a loaded server can make it.
/// </summary>
public sealed class CircuitStartTests : IClassFixture<BrowserApp>
{
    private readonly BrowserApp app;

    public CircuitStartTests(BrowserApp app) => this.app = app;

    [Fact]
    public async Task Until_the_circuit_is_live_the_page_says_connecting_and_takes_no_input_then_works()
    {
        var (context, page, consoleErrors) = await app.NewPageAsync();
        await using var _ = context;
        await DemoPages.SignInAsync(page, "priya");
        await DemoPages.PlaygroundReadyAsync(page);

        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await page.RouteAsync("**/_blazor/negotiate**", async route =>
        {
            held.TrySetResult();
            await release.Task;
            await route.ContinueAsync();
        });

        await page.ReloadAsync();
        await held.Task;

        // Prerendered, no circuit: the page says so and nothing takes input.
        await Assertions.Expect(page.Locator("[data-testid=connecting]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=app-shell]")).ToHaveAttributeAsync("inert", "");
        var input = page.Locator("[data-testid=composer-input]");
        await Assertions.Expect(input).ToBeDisabledAsync();
        await Assertions.Expect(input).ToHaveAttributeAsync("placeholder", "Connecting…");
        await Assertions.Expect(page.Locator("[data-testid=send]")).ToBeDisabledAsync();

        // A click on a link lands nowhere (no enhanced navigation can race the circuit), and typing goes nowhere.
        var url = page.Url;
        await page.Locator("a[href='/courses']").First.ClickAsync(new() { Force = true });
        await page.Keyboard.TypeAsync("typed too early");
        Assert.Equal(url, page.Url);
        Assert.Equal("", await input.InputValueAsync());

        // The circuit comes up: the banner goes, the shell and the composer work.
        release.SetResult();
        await DemoPages.PlaygroundReadyAsync(page);
        await Assertions.Expect(page.Locator("[data-testid=connecting]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-testid=app-shell]")).Not.ToHaveAttributeAsync("inert", "");
        await Assertions.Expect(input).ToBeEnabledAsync();
        await input.FillAsync("Hello after connecting");
        await input.PressAsync("Enter");
        await Assertions.Expect(page.Locator("[data-testid=message-card][data-role=user]").Last).ToContainTextAsync("Hello after connecting");
        Assert.Empty(consoleErrors);
    }
}
