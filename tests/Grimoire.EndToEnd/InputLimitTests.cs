using Grimoire.Core.Data;
using Grimoire.Core.Playground;
using Grimoire.EndToEnd.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Grimoire.EndToEnd;

/// <summary>
/// Issue 17 item 7 in Chromium, with the default limits: text over a limit gets a message beside its box, stays in
/// the box, and never reaches the circuit (which used to drop the connection at 32 KB and lose it); text up to the
/// limit arrives, and the page goes on working.
/// </summary>
public sealed class InputLimitTests : IClassFixture<BrowserApp>
{
    private readonly BrowserApp app;

    public InputLimitTests(BrowserApp app) => this.app = app;

    [Fact]
    public async Task An_over_long_message_is_kept_in_the_box_with_the_limit_beside_it_and_a_long_one_within_it_is_sent()
    {
        var (context, page, _) = await app.NewPageAsync();
        await using var _ = context;
        await DemoPages.SignInAsync(page, "alex");
        await DemoPages.PlaygroundReadyAsync(page);
        var input = page.Locator("[data-testid=composer-input]");

        await input.FillAsync(new string('a', 40_000));
        await input.PressAsync("Enter");
        await Assertions.Expect(page.Locator("[data-testid=composer-limit]")).ToHaveTextAsync("Your message is 40,000 characters; the limit is 32,000.");
        await page.Locator("[data-testid=send]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=composer-limit]")).ToHaveTextAsync("Your message is 40,000 characters; the limit is 32,000.");
        Assert.Equal(40_000, (await input.InputValueAsync()).Length);
        await Assertions.Expect(page.Locator("[data-testid=message-card]")).ToHaveCountAsync(0);

        // 20,000 two-byte characters: over SignalR's old 32 KB, within the 32,000-character limit.
        var accented = new string('é', 20_000);
        await input.FillAsync(accented);
        await Assertions.Expect(page.Locator("[data-testid=composer-limit]")).ToHaveCountAsync(0);
        await input.PressAsync("Enter");
        await Assertions.Expect(page.Locator("[data-testid=message-card][data-role=user]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-testid=message-card][data-role=assistant]").Last)
            .ToHaveAttributeAsync("data-status", "complete", new() { Timeout = 60_000 });
        await SendAndAwaitAnswerAsync(page, "Still connected?");
    }

    [Fact]
    public async Task An_over_long_system_prompt_stays_in_its_box_with_the_limit_and_nothing_is_sent_with_it_until_it_fits()
    {
        var (context, page, _) = await app.NewPageAsync();
        await using var _ = context;
        await DemoPages.SignInAsync(page, "priya");
        await DemoPages.PlaygroundReadyAsync(page);
        await Assertions.Expect(page.Locator("[data-testid=system-prompt-field][data-guarded=true]")).ToHaveCountAsync(1);
        await SendAndAwaitAnswerAsync(page, "Hi"); // the conversation exists: the prompt typed next is the one sent next
        var prompt = page.Locator("[data-testid=system-prompt]");

        await prompt.FillAsync(new string('p', 16_001));
        await Assertions.Expect(page.Locator("[data-testid=system-prompt-limit]")).ToHaveTextAsync("Your system prompt is 16,001 characters; the limit is 16,000.");
        Assert.Equal(16_001, (await prompt.InputValueAsync()).Length);

        var input = page.Locator("[data-testid=composer-input]");
        await input.FillAsync("Hello there");
        await input.PressAsync("Enter");
        await Assertions.Expect(page.Locator("[data-testid=notice]")).ToContainTextAsync("Your system prompt is 16,001 characters; the limit is 16,000.");
        await Assertions.Expect(input).ToHaveValueAsync("Hello there");
        await Assertions.Expect(page.Locator("[data-testid=message-card]")).ToHaveCountAsync(2);

        var tokens = page.Locator("[data-testid=system-prompt-tokens]");
        var estimateBefore = await tokens.InnerTextAsync(); // the over-long prompt never reached the server
        await prompt.FillAsync("Answer like a pirate.");
        await Assertions.Expect(page.Locator("[data-testid=system-prompt-limit]")).ToHaveCountAsync(0);
        await Assertions.Expect(tokens).Not.ToHaveTextAsync(estimateBefore);
        await input.PressAsync("Enter");
        await Assertions.Expect(page.Locator("[data-testid=message-card][data-role=assistant]")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("[data-testid=message-card][data-role=assistant]").Last)
            .ToHaveAttributeAsync("data-status", "complete", new() { Timeout = 60_000 });
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<GrimoireDbContext>>().CreateDbContextAsync();
        var sent = await db.PlaygroundMessages.Where(m => m.Role == MessageRole.Assistant && m.RequestBody != null)
            .OrderByDescending(m => m.CreatedAt).Select(m => m.RequestBody!).FirstAsync();
        Assert.Contains("Answer like a pirate.", sent, StringComparison.Ordinal);
        Assert.DoesNotContain("ppppp", sent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_over_long_edit_stays_in_its_box_with_the_limit_and_cannot_be_saved_and_the_page_goes_on()
    {
        var (context, page, _) = await app.NewPageAsync();
        await using var _ = context;
        await DemoPages.SignInAsync(page, "sam");
        await DemoPages.PlaygroundReadyAsync(page);
        await SendAndAwaitAnswerAsync(page, "What is a river?");

        var question = page.Locator("[data-testid=message-card][data-role=user]").First;
        await question.Locator("[data-testid=edit-message]").ClickAsync();
        var editor = question.Locator("[data-testid=message-editor]");
        await Assertions.Expect(editor.Locator("[data-guarded=true]")).ToHaveCountAsync(1);
        var box = editor.Locator("[data-testid=edit-input]");
        await box.FillAsync(new string('e', 64_001));

        await Assertions.Expect(editor.Locator("[data-testid=edit-limit]")).ToHaveTextAsync("Your edit is 64,001 characters; the limit is 64,000.");
        await Assertions.Expect(editor.Locator("[data-testid=edit-save]")).ToBeDisabledAsync();
        Assert.Equal(64_001, (await box.InputValueAsync()).Length);

        await editor.Locator("[data-testid=edit-cancel]").ClickAsync();
        await Assertions.Expect(question).ToContainTextAsync("What is a river?");
        await SendAndAwaitAnswerAsync(page, "Still connected?");
    }

    private static async Task SendAndAwaitAnswerAsync(IPage page, string text)
    {
        var input = page.Locator("[data-testid=composer-input]");
        await input.FillAsync(text);
        await input.PressAsync("Enter");
        await Assertions.Expect(page.Locator("[data-testid=message-card][data-role=user]").Last).ToContainTextAsync(text);
        await Assertions.Expect(page.Locator("[data-testid=message-card][data-role=assistant]").Last)
            .ToHaveAttributeAsync("data-status", "complete", new() { Timeout = 60_000 });
    }
}
