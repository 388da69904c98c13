using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Grimoire.EndToEnd.Infrastructure.DemoPages;

namespace Grimoire.EndToEnd.Infrastructure;

/// <summary>
/// The secret-leak test's walk through every page of issue 5 and the playground, one person at a time: instructor
/// (course list, every tab of the course admin and every key action, a student's conversation read-only with its
/// request, a second course's keys), student (the playground on an OpenRouter model and their own key, View request,
/// history, a page they may not open), site admin (every /admin tab, a course's keys) and an anonymous visitor.
/// Links between pages are loaded as whole pages (<see cref="DemoPages.FollowAsync"/>).
/// </summary>
public static partial class LeakWalk
{
    public const string Haiku = "anthropic/claude-haiku-4.5";
    public const string ModelName = "Claude Haiku (class)";

    /// <summary>What the student types: a positive control the scan must find.</summary>
    public const string Prompt = "canary-prompt-7731";

    /// <summary>What the second course's student types before their call is refused.</summary>
    public const string RefusedPrompt = "canary-refused-4410";

    /// <summary>Part of every stand-in answer: a positive control the scan must find.</summary>
    public const string AnswerText = "Hello from the local OpenRouter stand-in";

    public const string Alex = "alex@demo.grimoire.test";
    public const string Priya = "priya@demo.grimoire.test";
    public const string Sam = "sam@demo.grimoire.test";

    /// <summary>The sign-in page, and the pages an anonymous visitor is sent from to sign in.</summary>
    public static async Task WalkAnonymousAsync(IPage page)
    {
        await page.GotoAsync("/");
        await page.GotoAsync("/account/signin");
        await Assertions.Expect(page.Locator($"button[data-email='{CanaryKeys.OtherStudentEmail}']")).ToHaveCountAsync(1);
        foreach (var path in new[] { "/playground", "/courses", "/conversations", "/admin" })
        {
            await page.GotoAsync(path);
            await Assertions.Expect(page).ToHaveURLAsync(SignInPage());
        }
    }

    /// <summary>Course list, Settings, Models (catalogue search, add and enable Haiku), People.</summary>
    public static async Task SetUpCourseAsInstructorAsync(IPage page)
    {
        await SignInAsync(page, "instructor");
        await page.GotoAsync("/courses");
        await Assertions.Expect(page.Locator("[data-testid=course-row]")).ToHaveCountAsync(2);
        await FollowAsync(page, page.Locator("[data-testid=course-row][data-course-code=DEMO-101] [data-testid=manage-course]"));
        await CourseAdminReadyAsync(page);
        await Assertions.Expect(page.Locator("[data-testid=settings-form]")).ToBeVisibleAsync();

        await OpenTabAsync(page, "Models");
        await page.Locator("[data-testid=catalogue-search] input, input[data-testid=catalogue-search]").First.FillAsync("haiku");
        await page.Locator("[data-testid=catalogue-go]").ClickAsync();
        var row = page.Locator($"[data-testid=catalogue-row][data-model-id='{Haiku}']");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await row.Locator("[data-testid=catalogue-add]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=model-details-dialog]")).ToBeVisibleAsync();
        await page.Locator("input[data-testid=model-display-name], [data-testid=model-display-name] input").First.FillAsync(ModelName);
        await page.Locator("[data-testid=model-details-save]").ClickAsync();
        var added = page.Locator($"[data-testid=course-model-row][data-model-id='{Haiku}']");
        await Assertions.Expect(added).ToHaveCountAsync(1);
        if (await added.GetAttributeAsync("data-enabled") != "true")
        {
            await added.Locator("[data-testid=model-enabled]").ClickAsync();
        }

        await Assertions.Expect(added).ToHaveAttributeAsync("data-enabled", "true");

        await OpenTabAsync(page, "People");
        await Assertions.Expect(page.Locator("[data-testid=person-row]")).ToHaveCountAsync(4);
    }

    /// <summary>Keys: mint for the class, refresh spend, change a budget, disable and enable, rotate.</summary>
    public static async Task ManageKeysAsInstructorAsync(IPage page, OpenRouterStandIn.OpenRouterStandIn standIn)
    {
        await OpenTabAsync(page, "Keys");
        await Assertions.Expect(KeyRow(page, Priya)).ToHaveAttributeAsync("data-status", "revoked");
        await Assertions.Expect(page.Locator("[data-testid=key-row][data-status=none]")).ToHaveCountAsync(2);
        await page.Locator("[data-testid=keys-mint-all]").ClickAsync();
        await page.Locator(".mud-dialog button", new() { HasText = "Mint keys" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=mint-results]")).ToContainTextAsync("3 minted");
        await Assertions.Expect(page.Locator("[data-testid=key-row][data-status=active]")).ToHaveCountAsync(3);

        await page.Locator("[data-testid=keys-refresh]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=keys-spend-as-of]")).ToContainTextAsync("as reported by OpenRouter");

        await KeyActionAsync(page, Priya, "key-change-budget");
        var dialog = page.Locator("[data-testid=key-budget-dialog]");
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        var limit = page.Locator("input[data-testid=key-budget-limit], [data-testid=key-budget-limit] input").First;
        await limit.FillAsync("7");
        await limit.PressAsync("Tab");
        await page.Locator("[data-testid=key-budget-save]").ClickAsync();
        await Assertions.Expect(KeyRow(page, Priya).Locator("[data-testid=key-budget]")).ToHaveTextAsync("$7.00 monthly");

        await KeyActionAsync(page, Priya, "key-disable");
        await Assertions.Expect(KeyRow(page, Priya)).ToHaveAttributeAsync("data-status", "disabled");
        await KeyActionAsync(page, Priya, "key-enable");
        await Assertions.Expect(KeyRow(page, Priya)).ToHaveAttributeAsync("data-status", "active");

        await KeyActionAsync(page, Sam, "key-rotate");
        await page.Locator(".mud-dialog button", new() { HasText = "Rotate" }).ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasText = $"{Sam}'s key rotated." })).ToHaveCountAsync(1);
        await Assertions.Expect(KeyRow(page, Sam)).ToHaveAttributeAsync("data-status", "active");
        await Eventually.TrueAsync(() => standIn.Keys.Count(k => k.Deleted) == 1, "the stand-in deletes Sam's old key");
    }

    /// <summary>Playground with the OpenRouter model on the student's own key, View request, history, and a page they may not see.</summary>
    public static async Task ChatAsStudentAsync(IPage page)
    {
        await SignInAsync(page, "alex");
        await PlaygroundReadyAsync(page);
        await page.Locator("[data-testid=model-picker]").ClickAsync();
        var options = page.Locator(".mud-popover-open .model-option");
        await Assertions.Expect(options).ToHaveCountAsync(4);
        await options.Filter(new() { HasText = ModelName }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=model-picker]")).ToHaveValueAsync(ModelName);
        var input = page.Locator("[data-testid=composer-input]");
        await input.FillAsync($"{Prompt}: tell me about tidal locking");
        await input.PressAsync("Enter");
        var answer = page.Locator("[data-testid=message-card][data-role=assistant]").Last;
        await Assertions.Expect(answer).ToHaveAttributeAsync("data-status", "complete", new() { Timeout = BrowserApp.AnswerTimeoutMs });
        await Assertions.Expect(answer.Locator("[data-testid=message-author]")).ToHaveTextAsync(ModelName);
        await Assertions.Expect(answer.Locator("[data-testid=message-content]")).ToContainTextAsync(AnswerText);
        await Assertions.Expect(answer.Locator("[data-testid=message-content]")).ToContainTextAsync(Prompt);
        await ViewRequestAsync(page, answer);

        await page.GotoAsync("/conversations");
        await FollowAsync(page, page.Locator("[data-testid=history-link]", new() { HasText = Prompt }));
        await Assertions.Expect(page).ToHaveURLAsync(ConversationPage());
        await Assertions.Expect(page.Locator("[data-testid=message-card][data-role=user]")).ToContainTextAsync(Prompt);
        await page.GotoAsync("/courses");
        await Assertions.Expect(page.Locator("[data-testid=course-row]")).ToHaveCountAsync(1);
        await page.GotoAsync("/admin");
        await Assertions.Expect(page.Locator("[data-testid=access-denied]")).ToBeVisibleAsync();
    }

    /// <summary>
    /// The second course's student chats on the canary key the stand-in never minted: the call is refused (401) and
    /// the refusal comes back to the playground.
    /// </summary>
    public static async Task ChatWithARefusedKeyAsync(IPage page)
    {
        await page.GotoAsync("/account/signin");
        await page.Locator($"button[data-email='{CanaryKeys.OtherStudentEmail}']").ClickAsync();
        await page.WaitForURLAsync("**/playground");
        await PlaygroundReadyAsync(page);
        await Assertions.Expect(page.Locator("[data-testid=model-picker]")).ToHaveValueAsync(CanaryKeys.OtherCourseModelName);
        var input = page.Locator("[data-testid=composer-input]");
        await input.FillAsync($"{RefusedPrompt}: will this work?");
        await input.PressAsync("Enter");
        var answer = page.Locator("[data-testid=message-card][data-role=assistant]").Last;
        await Assertions.Expect(answer).ToHaveAttributeAsync("data-status", "failed", new() { Timeout = BrowserApp.AnswerTimeoutMs });
        await page.GotoAsync("/conversations");
        await Assertions.Expect(page.Locator("[data-testid=history-link]", new() { HasText = RefusedPrompt })).ToHaveCountAsync(1);
    }

    /// <summary>Spend after the chat, the student's conversation read-only with its request, and the second course's keys.</summary>
    public static async Task ReviewAsInstructorAsync(IPage page)
    {
        await page.GotoAsync("/courses");
        await FollowAsync(page, page.Locator("[data-testid=course-row][data-course-code=DEMO-101] [data-testid=manage-course]"));
        await CourseAdminReadyAsync(page);
        await OpenTabAsync(page, "Keys");
        await page.Locator("[data-testid=keys-refresh]").ClickAsync();
        await Assertions.Expect(KeyRow(page, Alex).Locator("[data-testid=key-spend]")).Not.ToHaveTextAsync("$0.00");
        await Assertions.Expect(KeyRow(page, Alex).Locator("[data-testid=key-spend]")).Not.ToHaveTextAsync("—");

        await OpenTabAsync(page, "Conversations");
        await FollowAsync(page, page.Locator("[data-testid=course-conversation-row]", new() { HasText = Prompt }).Locator("[data-testid=course-conversation-link]"));
        await Assertions.Expect(page.Locator("[data-testid=course-conversation-root][data-interactive=true]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-testid=read-only]")).ToBeVisibleAsync();
        var answer = page.Locator("[data-testid=message-card][data-role=assistant]");
        await Assertions.Expect(answer.Locator("[data-testid=message-content]")).ToContainTextAsync(AnswerText);
        await ViewRequestAsync(page, answer);

        await page.GotoAsync("/courses");
        await FollowAsync(page, page.Locator($"[data-testid=course-row][data-course-code={CanaryKeys.OtherCourseCode}] [data-testid=manage-course]"));
        await CourseAdminReadyAsync(page);
        await OpenTabAsync(page, "Keys");
        await Assertions.Expect(KeyRow(page, CanaryKeys.OtherStudentEmail)).ToHaveAttributeAsync("data-status", "active");
        await page.Locator("[data-testid=keys-refresh]").ClickAsync();
        await Assertions.Expect(KeyRow(page, CanaryKeys.OtherStudentEmail).Locator("[data-testid=key-missing]")).ToHaveCountAsync(1);
    }

    /// <summary>/admin's three tabs (provider credentials as yes/no), then DEMO-101's Keys tab as a site admin.</summary>
    public static async Task WalkAsSiteAdminAsync(IPage page)
    {
        await SignInAsync(page, "admin");
        await page.GotoAsync("/admin");
        await Assertions.Expect(page.Locator("[data-testid=admin-root][data-interactive=true]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-testid=admin-course-row]")).ToHaveCountAsync(2);
        await OpenTabAsync(page, "Users");
        await Assertions.Expect(page.Locator("[data-testid=admin-user-row]")).ToHaveCountAsync(6);
        await OpenTabAsync(page, "Provider credentials");
        await Assertions.Expect(page.Locator("[data-testid=credential-row]")).ToHaveCountAsync(4);
        foreach (var configured in new[] { "OpenRouter management key", "Key encryption key" })
        {
            await Assertions.Expect(page.Locator("[data-testid=credential-row]", new() { HasText = configured })).ToHaveAttributeAsync("data-configured", "yes");
        }

        await OpenTabAsync(page, "Courses");
        await FollowAsync(page, page.Locator("[data-testid=admin-course-row][data-course-code=DEMO-101] [data-testid=open-course]"));
        await CourseAdminReadyAsync(page);
        await OpenTabAsync(page, "Keys");
        await Assertions.Expect(page.Locator("[data-testid=key-row][data-status=active]")).ToHaveCountAsync(3);
        await page.Locator("[data-testid=keys-refresh]").ClickAsync();
        await Assertions.Expect(KeyRow(page, Alex).Locator("[data-testid=key-spend]")).Not.ToHaveTextAsync("$0.00");
    }

    /// <summary>Opens "View request" on an answer; the dialog stays open until the next page load.</summary>
    private static async Task ViewRequestAsync(IPage page, ILocator answer)
    {
        await answer.Locator("[data-testid=view-request]").ClickAsync();
        var dialog = page.Locator("[data-testid=request-dialog]");
        await Assertions.Expect(dialog.Locator("[data-testid=request-json]")).ToContainTextAsync(Prompt);
        await Assertions.Expect(dialog.Locator("[data-testid=request-url]")).ToContainTextAsync("/api/v1/chat/completions");
    }

    private static Task CourseAdminReadyAsync(IPage page) =>
        Assertions.Expect(page.Locator("[data-testid=course-admin-root][data-interactive=true]")).ToHaveCountAsync(1);

    private static async Task KeyActionAsync(IPage page, string email, string action)
    {
        await KeyRow(page, email).Locator("[data-testid=key-actions] button").ClickAsync();
        await page.Locator($"[data-testid={action}]").ClickAsync();
    }

    private static ILocator KeyRow(IPage page, string email) => page.Locator($"[data-testid=key-row][data-email='{email}']");

    [GeneratedRegex("/account/signin")]
    private static partial Regex SignInPage();

    [GeneratedRegex("/playground/[0-9a-f-]{36}$")]
    private static partial Regex ConversationPage();
}
