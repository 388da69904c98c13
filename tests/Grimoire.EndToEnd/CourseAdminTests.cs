using Grimoire.Core.Data;
using Grimoire.EndToEnd.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Grimoire.EndToEnd;

/// <summary>
/// The instructor's course admin in a real browser: enabling a model reaches the students' picker (AC2.2, AC3.6),
/// and a student's conversation opens read-only in the playground's own renderer (AC2.6).
/// </summary>
public sealed class CourseAdminTests : IClassFixture<BrowserApp>
{
    private readonly BrowserApp app;

    public CourseAdminTests(BrowserApp app) => this.app = app;

    [Fact]
    public async Task The_instructor_enables_a_disabled_model_and_a_student_then_sees_it_in_the_picker_AC2_2_AC3_6()
    {
        // The demo ships all three models enabled (Vision for the README's attachment walk-through): disable one first.
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<GrimoireDbContext>>().CreateDbContextAsync())
        {
            await db.CourseModelConfigs.Where(m => m.ModelId == "simulated/vision").ExecuteUpdateAsync(s => s.SetProperty(m => m.IsEnabled, false));
        }

        var (context, page, consoleErrors) = await app.NewPageAsync();
        await using var _ = context;
        await SignInAsync(page, "instructor");
        await OpenCourseAdminAsync(page);

        await page.Locator(".mud-tab", new() { HasText = "Models" }).ClickAsync();
        var vision = page.Locator("[data-testid=course-model-row][data-model-id='simulated/vision']");
        await Assertions.Expect(vision).ToHaveAttributeAsync("data-enabled", "false");
        await vision.Locator("[data-testid=model-enabled]").ClickAsync();
        await Assertions.Expect(vision).ToHaveAttributeAsync("data-enabled", "true");
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Simulated Vision is enabled");

        // The row kept its settings: still third, same name.
        await Assertions.Expect(page.Locator("[data-testid=course-model-row]").Nth(2)).ToHaveAttributeAsync("data-model-id", "simulated/vision");
        Assert.Empty(consoleErrors);

        var (studentContext, student, _) = await app.NewPageAsync();
        await using var __ = studentContext;
        await SignInAsync(student, "alex");
        await Assertions.Expect(student.Locator("[data-testid=composer-input][data-ready=true]")).ToHaveCountAsync(1);
        await student.Locator("[data-testid=model-picker]").ClickAsync();
        var options = student.Locator(".mud-popover-open .model-option");
        await Assertions.Expect(options).ToHaveCountAsync(3);
        await Assertions.Expect(options.Filter(new() { HasText = "Simulated Vision" })).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task The_instructor_reads_a_students_conversation_read_only_AC2_6()
    {
        // A student asks something in the playground.
        var (studentContext, student, _) = await app.NewPageAsync();
        await using (studentContext)
        {
            await SignInAsync(student, "sam");
            await Assertions.Expect(student.Locator("[data-testid=composer-input][data-ready=true]")).ToHaveCountAsync(1);
            var input = student.Locator("[data-testid=composer-input]");
            await input.FillAsync("What is a photon?");
            await input.PressAsync("Enter");
            var answer = student.Locator("[data-testid=message-card][data-role=assistant]").Last;
            await Assertions.Expect(answer).ToHaveAttributeAsync("data-status", "complete", new() { Timeout = BrowserApp.AnswerTimeoutMs });
        }

        var (context, page, consoleErrors) = await app.NewPageAsync();
        await using var _ = context;
        await SignInAsync(page, "instructor");
        await OpenCourseAdminAsync(page);

        await page.Locator(".mud-tab", new() { HasText = "Conversations" }).ClickAsync();
        var row = page.Locator("[data-testid=course-conversation-row]", new() { HasText = "What is a photon?" });
        await Assertions.Expect(row).ToContainTextAsync("Sam Okafor");
        await row.ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/courses/[0-9a-f-]{36}/conversations/[0-9a-f-]{36}$"));
        await Assertions.Expect(page.Locator("[data-testid=course-conversation-root][data-interactive=true]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-testid=conversation-heading]")).ToHaveTextAsync("What is a photon?");
        await Assertions.Expect(page.Locator("[data-testid=read-only]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=message-card][data-role=user]")).ToContainTextAsync("What is a photon?");
        var answerCard = page.Locator("[data-testid=message-card][data-role=assistant]");
        await Assertions.Expect(answerCard).ToHaveAttributeAsync("data-status", "complete");
        await Assertions.Expect(answerCard.Locator("[data-testid=message-content]")).Not.ToBeEmptyAsync();
        await Assertions.Expect(answerCard.Locator("[data-testid=byline]")).ToBeVisibleAsync();

        // Read-only: no composer, no edit or regenerate; reading the request is still there (AC1.4).
        await Assertions.Expect(page.Locator("[data-testid=composer-input]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-testid=edit-message]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-testid=regenerate-message]")).ToHaveCountAsync(0);
        await Assertions.Expect(answerCard.Locator("[data-testid=view-request]")).ToBeEnabledAsync();
        Assert.Empty(consoleErrors);
    }

    private static async Task SignInAsync(IPage page, string who)
    {
        await page.GotoAsync("/account/signin");
        await page.Locator($"button[data-email='{who}@demo.grimoire.test']").ClickAsync();
        await page.WaitForURLAsync("**/playground");
    }

    /// <summary>From the course list to the course's admin page, once its circuit is live (clicks work only then).</summary>
    private static async Task OpenCourseAdminAsync(IPage page)
    {
        await page.GotoAsync("/courses");
        await page.Locator("[data-testid=course-row][data-course-code=DEMO-101] [data-testid=manage-course]").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/courses/[0-9a-f-]{36}$"));
        await Assertions.Expect(page.Locator("[data-testid=course-admin-root][data-interactive=true]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-testid=course-admin-heading]")).ToContainTextAsync("DEMO-101");
    }
}
