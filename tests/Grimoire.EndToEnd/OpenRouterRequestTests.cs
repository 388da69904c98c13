using System.Text;
using Grimoire.Core.Courses;
using Grimoire.Core.Data;
using Grimoire.EndToEnd.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Grimoire.EndToEnd;

/// <summary>AC1.4 end to end: "Copy API request JSON" gives exactly the bytes the (fake) OpenRouter received.</summary>
public sealed class OpenRouterRequestTests : IClassFixture<OpenRouterBrowserApp>
{
    private readonly OpenRouterBrowserApp app;

    public OpenRouterRequestTests(OpenRouterBrowserApp app) => this.app = app;

    [Fact]
    public async Task Copy_API_request_JSON_equals_the_body_the_provider_received_and_holds_no_key()
    {
        await AddOpenRouterModelAsync();
        var (context, page, consoleErrors) = await app.NewPageAsync();
        await using var _ = context;
        await context.GrantPermissionsAsync(["clipboard-write"]);
        // The site's Permissions-Policy forbids reading the clipboard (clipboard-read=()), so record what it writes.
        await context.AddInitScriptAsync("""
            const write = navigator.clipboard.writeText.bind(navigator.clipboard);
            navigator.clipboard.writeText = text => { window.__copied = text; return write(text); };
            """);

        await page.GotoAsync("/account/signin");
        await page.Locator("button[data-email='priya@demo.grimoire.test']").ClickAsync();
        await page.WaitForURLAsync("**/playground");
        await Assertions.Expect(page.Locator("[data-testid=composer-input][data-ready=true]")).ToHaveCountAsync(1);
        await DemoPages.PickModelAsync(page, "Claude Sonnet (fake OpenRouter)");

        var input = page.Locator("[data-testid=composer-input]");
        await input.FillAsync("Hello, Claude");
        await input.PressAsync("Enter");
        var answer = page.Locator("[data-testid=message-card][data-role=assistant]").Last;
        await Assertions.Expect(answer).ToHaveAttributeAsync("data-status", "complete", new() { Timeout = BrowserApp.AnswerTimeoutMs });
        await Assertions.Expect(answer.Locator("[data-testid=message-content]")).ToContainTextAsync("Hello there! How can I help?");
        await Assertions.Expect(answer.Locator("[data-testid=thinking-panel]")).ToBeVisibleAsync();
        await Assertions.Expect(answer.Locator("[data-testid=byline]")).ToContainTextAsync("0.000381");

        await answer.Locator("[data-testid=copy-request]").ClickAsync();
        await page.WaitForFunctionAsync("() => window.__copied !== undefined");
        var copied = await page.EvaluateAsync<string>("() => window.__copied");

        var received = Assert.Single(app.Fake.Requests);
        Assert.Equal("Bearer " + OpenRouterBrowserApp.StudentKey, received.Authorization);
        Assert.Equal(Encoding.UTF8.GetString(received.Body), copied);
        Assert.DoesNotContain(OpenRouterBrowserApp.StudentKey, copied, StringComparison.Ordinal);
        Assert.Contains("\"reasoning\"", copied, StringComparison.Ordinal);
        Assert.DoesNotContain("\"temperature\"", copied, StringComparison.Ordinal); // AC1.5: thinking on, Anthropic model

        await answer.Locator("[data-testid=view-request]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=request-url]")).ToContainTextAsync(app.Fake.BaseUrl + "/api/v1/chat/completions");
        Assert.DoesNotContain(OpenRouterBrowserApp.StudentKey, await page.ContentAsync(), StringComparison.Ordinal);
        Assert.Empty(consoleErrors);
    }

    private async Task AddOpenRouterModelAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<GrimoireDbContext>>().CreateDbContextAsync();
        var course = await db.Courses.SingleAsync();
        db.CourseModelConfigs.Add(new CourseModelConfig
        {
            CourseId = course.Id,
            Provider = "openrouter",
            ModelId = "anthropic/claude-sonnet-4.5",
            DisplayName = "Claude Sonnet (fake OpenRouter)",
            SortOrder = 5,
            CostTier = CostTier.High,
            SupportsThinking = true,
            ThinkingControl = ThinkingControl.Budget,
            AllowsTemperatureWithThinking = false,
            ContextLength = 200_000,
            MaxOutputTokens = 64_000,
            InputPricePerMillion = 3m,
            OutputPricePerMillion = 15m,
        });
        await db.SaveChangesAsync();
    }
}
