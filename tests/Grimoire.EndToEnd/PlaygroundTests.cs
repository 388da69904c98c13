using Grimoire.EndToEnd.Infrastructure;
using Microsoft.Playwright;

namespace Grimoire.EndToEnd;

/// <summary>The student playground in a real browser against the real host and the simulated provider.</summary>
public sealed class PlaygroundTests : IClassFixture<BrowserApp>
{
    private readonly BrowserApp app;

    public PlaygroundTests(BrowserApp app) => this.app = app;

    [Fact]
    public async Task A_student_chats_with_thinking_and_sees_the_thinking_the_answer_and_the_byline_AC1_2_AC1_3()
    {
        var (context, page, consoleErrors) = await app.NewPageAsync();
        await using var _ = context;
        await SignInAsync(page, "alex");

        await Assertions.Expect(page.Locator("[data-testid=system-prompt-tokens]")).ToContainTextAsync("tokens");
        await page.Locator("[data-testid=system-prompt]").FillAsync("You are a pirate. Answer briefly.");
        await Assertions.Expect(page.Locator("[data-testid=system-prompt-tokens]")).ToContainTextAsync("≈ 8 tokens");

        await SendAsync(page, "Explain recursion with an example");

        var answer = page.Locator("[data-testid=message-card][data-role=assistant]").Last;
        await Assertions.Expect(answer).ToHaveAttributeAsync("data-status", "complete", new() { Timeout = BrowserApp.AnswerTimeoutMs });
        await Assertions.Expect(answer.Locator("[data-testid=thinking-panel]")).ToBeVisibleAsync();
        await Assertions.Expect(answer.Locator("[data-testid=message-content]")).Not.ToBeEmptyAsync();
        var byline = answer.Locator("[data-testid=byline]");
        await Assertions.Expect(byline).ToContainTextAsync("Simulated Thinker");
        await Assertions.Expect(byline).ToContainTextAsync("$");
        await Assertions.Expect(page.Locator("[data-testid=conversation-item]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-testid=conversation-title]").First).ToHaveTextAsync("Explain recursion with an example");
        Assert.Matches("/playground/[0-9a-f-]{36}$", page.Url);
        Assert.Empty(consoleErrors);
    }

    [Fact]
    public async Task Stopping_a_long_answer_keeps_the_partial_marked_stopped()
    {
        var (context, page, _) = await app.NewPageAsync();
        await using var __ = context;
        await SignInAsync(page, "priya");
        await PickModelAsync(page, "Simulated Swift");
        await SetMaxTokensAsync(page, 8000);

        await SendAsync(page, "Tell me a very long story");
        var answer = page.Locator("[data-testid=message-card][data-role=assistant]").Last;
        await Assertions.Expect(answer.Locator("[data-testid=message-content]")).Not.ToBeEmptyAsync();
        await page.Locator("[data-testid=stop]").ClickAsync();

        await Assertions.Expect(answer).ToHaveAttributeAsync("data-status", "cancelled", new() { Timeout = BrowserApp.AnswerTimeoutMs });
        await Assertions.Expect(answer.Locator("[data-testid=message-content]")).Not.ToBeEmptyAsync();
        await Assertions.Expect(page.Locator("[data-testid=send]")).ToBeEnabledAsync();
    }

    [Fact]
    public async Task Esc_stops_the_running_answer_while_the_box_is_locked()
    {
        var (context, page, _) = await app.NewPageAsync();
        await using var __ = context;
        await SignInAsync(page, "priya");
        await PickModelAsync(page, "Simulated Swift");
        await SetMaxTokensAsync(page, 8000);

        await SendAsync(page, "Tell me another very long story");
        var answer = page.Locator("[data-testid=message-card][data-role=assistant]").Last;
        await Assertions.Expect(answer.Locator("[data-testid=message-content]")).Not.ToBeEmptyAsync();
        await Assertions.Expect(page.Locator("[data-testid=composer-input]")).ToBeDisabledAsync();
        await page.Keyboard.PressAsync("Escape");

        await Assertions.Expect(answer).ToHaveAttributeAsync("data-status", "cancelled", new() { Timeout = BrowserApp.AnswerTimeoutMs });
        await Assertions.Expect(page.Locator("[data-testid=composer-input]")).ToBeEnabledAsync();
    }

    [Fact]
    public async Task Reloading_mid_answer_reattaches_to_the_stream_and_history_survives_a_browser_restart_X6_AC4_1()
    {
        var (context, page, _) = await app.NewPageAsync();
        await SignInAsync(page, "sam");
        await PickModelAsync(page, "Simulated Swift");
        await SetMaxTokensAsync(page, 3000);

        await SendAsync(page, "Write a long essay about rivers");
        var answer = page.Locator("[data-testid=message-card][data-role=assistant]").Last;
        await Assertions.Expect(answer.Locator("[data-testid=message-content]")).Not.ToBeEmptyAsync();
        var url = page.Url;

        await page.ReloadAsync();
        await WaitInteractiveAsync(page);
        var reloaded = page.Locator("[data-testid=message-card][data-role=assistant]").Last;
        await Assertions.Expect(reloaded).ToHaveAttributeAsync("data-status", "streaming");
        await Assertions.Expect(reloaded).ToHaveAttributeAsync("data-status", "complete", new() { Timeout = BrowserApp.AnswerTimeoutMs });
        var finalText = await reloaded.Locator("[data-testid=message-content]").InnerTextAsync();
        Assert.True(finalText.Length > 200, "The reattached answer did not grow to completion.");
        await context.CloseAsync();

        // A new browser (no state but the sign-in) finds the conversation in the history and reopens it.
        var (fresh, again, _) = await app.NewPageAsync();
        await using var ___ = fresh;
        await SignInAsync(again, "sam");
        await again.Locator("[data-testid=conversation-item]", new() { HasText = "Write a long essay about rivers" }).ClickAsync();
        await Assertions.Expect(again.Locator("[data-testid=message-card][data-role=user]")).ToContainTextAsync("Write a long essay about rivers");
        await Assertions.Expect(again.Locator("[data-testid=message-card][data-role=assistant] [data-testid=message-content]"))
            .ToContainTextAsync(finalText[..40]);
        Assert.Equal(url, again.Url);
    }

    [Fact]
    public async Task Temperature_is_disabled_with_thinking_on_for_the_thinker_and_enabled_for_swift_AC1_5_AC3_6()
    {
        var (context, page, _) = await app.NewPageAsync();
        await using var __ = context;
        await SignInAsync(page, "alex");

        await Assertions.Expect(page.Locator("[data-testid=temperature]")).ToHaveAttributeAsync("data-enabled", "false");
        await page.Locator("[data-testid=model-picker]").ClickAsync();
        var options = page.Locator(".mud-popover-open .model-option");
        await Assertions.Expect(options).ToHaveCountAsync(3);
        await options.Filter(new() { HasText = "Simulated Swift" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=temperature]")).ToHaveAttributeAsync("data-enabled", "true");
    }

    private static async Task SignInAsync(IPage page, string who)
    {
        await page.GotoAsync("/account/signin");
        await page.Locator($"button[data-email='{who}@demo.grimoire.test']").ClickAsync();
        await page.WaitForURLAsync("**/playground");
        await WaitInteractiveAsync(page);
    }

    /// <summary>The page is prerendered first; clicks only work once the circuit is live.</summary>
    private static Task WaitInteractiveAsync(IPage page) =>
        Assertions.Expect(page.Locator("[data-testid=composer-input][data-ready=true]")).ToHaveCountAsync(1);

    private static async Task PickModelAsync(IPage page, string name)
    {
        await DemoPages.PickModelAsync(page, name);
    }

    private static async Task SetMaxTokensAsync(IPage page, int value)
    {
        var field = page.Locator("[data-testid=max-tokens]");
        await field.FillAsync(value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await field.PressAsync("Tab");
        await Assertions.Expect(field).ToHaveValueAsync(value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static async Task SendAsync(IPage page, string text)
    {
        var input = page.Locator("[data-testid=composer-input]");
        await input.FillAsync(text);
        await input.PressAsync("Enter");
        await Assertions.Expect(page.Locator("[data-testid=message-card][data-role=user]").Last).ToContainTextAsync(text);
    }
}
