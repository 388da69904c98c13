using Grimoire.Core.Data;
using Grimoire.Core.Playground;
using Grimoire.EndToEnd.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Grimoire.EndToEnd;

/// <summary>
/// AC1.1, AC1.4 on the path a student takes first: a new conversation whose system prompt and settings are tuned
/// before anything is sent. The first request must carry them, and the page must keep showing them (issue 17 item 1).
/// </summary>
public sealed class FirstMessageTests : IClassFixture<BrowserApp>
{
    private const string Marker = "Always finish with the word TANGERINE-17.";

    private readonly BrowserApp app;

    public FirstMessageTests(BrowserApp app) => this.app = app;

    [Fact]
    public async Task The_prompt_and_settings_set_before_the_first_message_are_what_is_sent_and_stay_shown_AC1_1_AC1_4()
    {
        var (context, page, consoleErrors) = await app.NewPageAsync();
        await using var _ = context;
        await DemoPages.SignInAsync(page, "alex");
        await DemoPages.PlaygroundReadyAsync(page);
        await Assertions.Expect(page.Locator("[data-testid=conversation-item]")).ToHaveCountAsync(0);

        var prompt = page.Locator("[data-testid=system-prompt]");
        var tokens = page.Locator("[data-testid=system-prompt-tokens]");
        var defaultTokens = await tokens.InnerTextAsync();
        var edited = await prompt.InputValueAsync() + " " + Marker;
        await prompt.FillAsync(edited);
        await Assertions.Expect(tokens).Not.ToHaveTextAsync(defaultTokens);

        await DemoPages.PickModelAsync(page, "Simulated Swift");
        // Swift takes a temperature: wait until the controls show it did switch before touching the slider.
        await Assertions.Expect(page.Locator("[data-testid=temperature]")).ToHaveAttributeAsync("data-enabled", "true");
        var maxTokens = page.Locator("[data-testid=max-tokens]");
        await maxTokens.FillAsync("777");
        await maxTokens.PressAsync("Tab");
        await Assertions.Expect(maxTokens).ToHaveValueAsync("777");
        var slider = page.Locator("[data-testid=temperature] input[type=range]");
        await slider.FocusAsync();
        await slider.PressAsync("ArrowRight");
        await slider.PressAsync("ArrowRight");
        await Assertions.Expect(page.Locator("[data-testid=temperature]")).ToContainTextAsync("Temperature: 0.9");

        var input = page.Locator("[data-testid=composer-input]");
        await input.FillAsync("What is a token?");
        await input.PressAsync("Enter");
        var answer = page.Locator("[data-testid=message-card][data-role=assistant]").Last;
        await Assertions.Expect(answer).ToHaveAttributeAsync("data-status", "complete", new() { Timeout = BrowserApp.AnswerTimeoutMs });

        // The page still shows what the student chose, not the course default.
        await Assertions.Expect(prompt).ToHaveValueAsync(edited);
        await Assertions.Expect(maxTokens).ToHaveValueAsync("777");
        await Assertions.Expect(page.Locator("[data-testid=temperature]")).ToContainTextAsync("Temperature: 0.9");

        // What was sent is what was chosen (the request body is the exact bytes the provider got, AC1.4).
        var stored = await StoredAnswerAsync();
        Assert.Equal(MessageStatus.Complete, stored.Status);
        Assert.Contains("TANGERINE-17", stored.RequestBody, StringComparison.Ordinal);
        Assert.Contains("\"max_tokens\":777", stored.RequestBody, StringComparison.Ordinal);
        Assert.Contains("\"temperature\":0.9", stored.RequestBody, StringComparison.Ordinal);
        Assert.Contains("swift", stored.RequestBody, StringComparison.Ordinal);
        Assert.Equal(edited, stored.Conversation!.SystemPrompt);

        // And the request dialog shows the same.
        await answer.Locator("[data-testid=view-request]").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-dialog")).ToContainTextAsync("TANGERINE-17");
        Assert.Empty(consoleErrors);
    }

    private async Task<PlaygroundMessage> StoredAnswerAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<GrimoireDbContext>>().CreateDbContextAsync();
        return await db.PlaygroundMessages.Include(m => m.Conversation)
            .SingleAsync(m => m.Role == MessageRole.Assistant);
    }
}
