using Grimoire.Core.Data;
using Grimoire.Core.Demo;
using Grimoire.Core.Playground;
using Grimoire.Core.Playground.Editing;
using Grimoire.EndToEnd.Infrastructure;
using Grimoire.Llm;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace Grimoire.EndToEnd;

/// <summary>
/// Issue 16 item 3 in Chromium: a refusal of each kind (docs/decisions/0010-one-refusal-type.md), forced by changing
/// the data under an open page, shows its sentence beside the action, and the circuit survives: a later action still
/// reaches the server. Before, a refusal nobody caught (a rename or delete of a conversation deleted meanwhile, a new
/// conversation after being unenrolled) ended the circuit.
/// </summary>
public sealed class RefusalTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static ILocator Notice(IPage page) => page.Locator("[data-testid=notice]");

    [Fact]
    public async Task Forbidden_a_student_unenrolled_mid_session_is_told_and_the_page_keeps_working()
    {
        var (context, page, _) = await app.NewPageAsync();
        await using var _ = context;
        await DemoPages.SignInAsync(page, "sam");
        await DemoPages.PlaygroundReadyAsync(page);

        var enrollment = await ChangeAsync(async db =>
        {
            var row = await db.Enrollments.SingleAsync(e => e.User!.Email == "sam@" + DemoData.Domain && e.Course!.Code == DemoData.CourseCode);
            db.Enrollments.Remove(row);
            return row;
        });
        try
        {
            await page.Locator("[data-testid=new-conversation]").ClickAsync();
            await Assertions.Expect(Notice(page)).ToContainTextAsync("You are not enrolled in an active course");
            await SurvivesAsync(page);
        }
        finally
        {
            await ChangeAsync(async db =>
            {
                db.Enrollments.Add(new() { UserId = enrollment.UserId, CourseId = enrollment.CourseId, Role = enrollment.Role });
                await Task.CompletedTask;
                return enrollment;
            });
        }
    }

    [Fact]
    public async Task NotFound_deleting_a_conversation_deleted_meanwhile_says_so_and_the_page_keeps_working()
    {
        var (context, page, _) = await app.NewPageAsync();
        await using var _ = context;
        await DemoPages.SignInAsync(page, "priya");
        await DemoPages.PlaygroundReadyAsync(page);
        await page.Locator("[data-testid=new-conversation]").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/playground/[0-9a-f-]{36}$"));
        var id = Guid.Parse(new Uri(page.Url).Segments[^1]);

        await ChangeAsync(async db =>
        {
            await db.PlaygroundConversations.Where(c => c.Id == id).ExecuteDeleteAsync();
            return id;
        });

        var item = page.Locator($"[data-testid=conversation-item][data-conversation-id='{id}']");
        await item.Locator("[data-testid=conversation-menu]").ClickAsync();
        await page.Locator(".mud-popover-open .mud-menu-item", new() { HasText = "Delete" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
        await Assertions.Expect(Notice(page)).ToContainTextAsync(PlaygroundAccessDeniedException.GoneMessage);
        await SurvivesAsync(page);
    }

    [Fact]
    public async Task Limit_starting_conversations_too_fast_is_refused_and_the_page_keeps_working()
    {
        var (context, page, _) = await app.NewPageAsync();
        await using var _ = context;
        await DemoPages.SignInAsync(page, "alex");
        await DemoPages.PlaygroundReadyAsync(page);
        var items = page.Locator("[data-testid=conversation-item]");
        var perMinute = app.Services.GetRequiredService<IOptions<PlaygroundOptions>>().Value.ConversationsPerMinute;

        // The bucket holds a minute's worth and refills one every 60/perMinute seconds, so on a loaded machine the
        // refusal may come a few clicks after the perMinute-th: click until it comes (bounded), each click waiting
        // for its own outcome — a new item or the notice — and check the refused click added nothing.
        var refused = Notice(page).Filter(new() { HasText = "faster than your course allows" });
        var count = 0;
        while (count < perMinute * 3 && await refused.CountAsync() == 0)
        {
            await page.Locator("[data-testid=new-conversation]").ClickAsync();
            await Assertions.Expect(items.Nth(count).Or(refused)).Not.ToHaveCountAsync(0);
            count = await items.CountAsync();
        }

        await Assertions.Expect(refused).ToHaveCountAsync(1);
        Assert.True(count >= perMinute, $"refused after {count} conversations, before the burst of {perMinute} was spent");
        await Assertions.Expect(items).ToHaveCountAsync(count);
        await SurvivesAsync(page);
    }

    [Fact]
    public async Task Conflict_editing_the_question_being_answered_is_refused_beside_the_editor_and_the_answer_goes_on()
    {
        var providers = app.Services.GetRequiredService<IOptions<GrimoireProvidersOptions>>().Value;
        var (context, page, _) = await app.NewPageAsync();
        await using var _ = context;
        await DemoPages.SignInAsync(page, "priya");
        await DemoPages.PlaygroundReadyAsync(page);
        providers.Simulated.DelayMs = 300; // the answer keeps streaming while the edit is saved
        try
        {
            var input = page.Locator("[data-testid=composer-input]");
            await input.FillAsync("Write a long essay about rivers");
            await input.PressAsync("Enter");
            await Assertions.Expect(page.Locator("[data-testid=message-card][data-role=assistant]").Last).ToHaveAttributeAsync("data-status", "streaming");
            var question = page.Locator("[data-testid=message-card][data-role=user]").Last;
            await question.HoverAsync();
            await question.Locator("[data-testid=edit-message]").ClickAsync();
            await question.Locator("[data-testid=edit-input]").FillAsync("Write a short poem about rivers");
            await question.Locator("[data-testid=edit-save]").ClickAsync();
            await Assertions.Expect(question.Locator("[data-testid=edit-problem]")).ToContainTextAsync(MessageEditor.BeingAnswered);
            await question.Locator("[data-testid=edit-cancel]").ClickAsync();
        }
        finally
        {
            providers.Simulated.DelayMs = 0;
        }

        await Assertions.Expect(page.Locator("[data-testid=message-card][data-role=assistant]").Last)
            .ToHaveAttributeAsync("data-status", "complete", new() { Timeout = BrowserApp.AnswerTimeoutMs });
        await SurvivesAsync(page, closeNotice: false);
    }

    [Fact]
    public async Task Invalid_course_settings_are_refused_beside_the_form_and_the_tab_keeps_working()
    {
        var (context, page, _) = await app.NewPageAsync();
        await using var _ = context;
        await DemoPages.SignInAsync(page, "instructor");
        await DemoPages.OpenCourseAdminAsync(page);
        var code = page.Locator("[data-testid=settings-code]");
        await code.FillAsync("   ");
        await page.Locator("[data-testid=settings-save]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=settings-problems]")).ToBeVisibleAsync();

        // The circuit lives: the same form saves once the value is acceptable.
        await code.FillAsync(DemoData.CourseCode);
        await page.Locator("[data-testid=settings-save]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=settings-problems]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasText = "Settings saved." })).ToBeVisibleAsync();
    }

    /// <summary>The circuit is alive: the notice closes, and a search reaches the server and comes back.</summary>
    private static async Task SurvivesAsync(IPage page, bool closeNotice = true)
    {
        await Assertions.Expect(page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
        if (closeNotice)
        {
            await Notice(page).Locator("button").First.ClickAsync();
            await Assertions.Expect(Notice(page)).ToHaveCountAsync(0);
        }

        await page.Locator("[data-testid=conversation-search]").FillAsync("no title is like this one");
        await Assertions.Expect(page.Locator("[data-testid=no-conversations]")).ToContainTextAsync("No title matches.");
    }

    private async Task<T> ChangeAsync<T>(Func<GrimoireDbContext, Task<T>> change)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<GrimoireDbContext>>().CreateDbContextAsync();
        var result = await change(db);
        await db.SaveChangesAsync();
        return result;
    }
}
