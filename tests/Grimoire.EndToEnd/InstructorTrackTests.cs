using Grimoire.EndToEnd.Infrastructure;
using Microsoft.Playwright;
using static Grimoire.EndToEnd.Infrastructure.DemoPages;

namespace Grimoire.EndToEnd;

/// <summary>
/// Issue 5 end to end against the OpenRouter stand-in: the instructor adds a catalogue model and enables it (AC2.1,
/// AC2.2), mints keys for the class (AC2.3), a student sees exactly the enabled models (AC3.6) and chats with their
/// own key, which the stand-in checks; spend shows on the Keys tab and a disabled key stops the student (AC2.5).
/// </summary>
public sealed class InstructorTrackTests : IClassFixture<StandInBrowserApp>
{
    private const string Haiku = "anthropic/claude-haiku-4.5";
    private readonly StandInBrowserApp app;

    public InstructorTrackTests(StandInBrowserApp app) => this.app = app;

    [Fact]
    public async Task An_instructor_adds_a_model_and_mints_keys_and_a_student_chats_with_their_own_key_AC2_1_AC2_2_AC2_3_AC2_5_AC3_6()
    {
        var (context, instructor, instructorErrors) = await app.NewPageAsync();
        await using var _ = context;
        await SignInAsync(instructor, "instructor");
        await OpenCourseAdminAsync(instructor);

        // Models: find Haiku in the stand-in's catalogue, add it with a display name, make sure it is enabled.
        await OpenTabAsync(instructor, "Models");
        await instructor.Locator("[data-testid=catalogue-search] input, input[data-testid=catalogue-search]").First.FillAsync("haiku");
        await instructor.Locator("[data-testid=catalogue-go]").ClickAsync();
        var row = instructor.Locator($"[data-testid=catalogue-row][data-model-id='{Haiku}']");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await row.Locator("[data-testid=catalogue-add]").ClickAsync();
        var details = instructor.Locator("[data-testid=model-details-dialog]");
        await Assertions.Expect(details).ToBeVisibleAsync();
        await details.Locator("input[data-testid=model-display-name], [data-testid=model-display-name] input").First.FillAsync("Claude Haiku (class)");
        await instructor.Locator("[data-testid=model-details-save]").ClickAsync();
        var added = instructor.Locator($"[data-testid=course-model-row][data-model-id='{Haiku}']");
        await Assertions.Expect(added).ToHaveCountAsync(1);
        if (await added.GetAttributeAsync("data-enabled") != "true")
        {
            await added.Locator("[data-testid=model-enabled]").ClickAsync();
        }

        await Assertions.Expect(added).ToHaveAttributeAsync("data-enabled", "true");

        // Keys: the demo course has a $5 monthly default; mint for the whole class.
        await OpenTabAsync(instructor, "Keys");
        await Assertions.Expect(instructor.Locator("[data-testid=keys-defaults]")).ToContainTextAsync("$5.00 monthly");
        await Assertions.Expect(instructor.Locator("[data-testid=key-row][data-status=none]")).ToHaveCountAsync(3);
        await instructor.Locator("[data-testid=keys-mint-all]").ClickAsync();
        await instructor.Locator(".mud-dialog button", new() { HasText = "Mint keys" }).ClickAsync();
        await Assertions.Expect(instructor.Locator("[data-testid=mint-results]")).ToContainTextAsync("3 minted");
        await Assertions.Expect(instructor.Locator("[data-testid=key-row][data-status=active]")).ToHaveCountAsync(3);
        Assert.Equal(3, app.StandIn.Keys.Count(k => !k.Deleted));

        // The student sees exactly the enabled models and chats through OpenRouter with their own key.
        var (studentContext, student, studentErrors) = await app.NewPageAsync();
        await using var __ = studentContext;
        await SignInAsync(student, "alex");
        await PlaygroundReadyAsync(student);
        await student.Locator("[data-testid=model-picker]").ClickAsync();
        var options = student.Locator(".mud-popover-open .model-option");
        await Assertions.Expect(options).ToHaveCountAsync(4);
        CollectionAssertEquivalent(["simulated/thinker", "simulated/swift", "simulated/vision", Haiku], await ModelIdsAsync(options));
        await options.Filter(new() { HasText = "Claude Haiku (class)" }).ClickAsync();
        await Assertions.Expect(student.Locator("[data-testid=model-picker]")).ToHaveValueAsync("Claude Haiku (class)");
        var input = student.Locator("[data-testid=composer-input]");
        await input.FillAsync("Tell me about tidal locking");
        await input.PressAsync("Enter");
        var answer = student.Locator("[data-testid=message-card][data-role=assistant]").Last;
        await Assertions.Expect(answer).ToHaveAttributeAsync("data-status", "complete", new() { Timeout = BrowserApp.AnswerTimeoutMs });
        await Assertions.Expect(answer.Locator("[data-testid=message-author]")).ToHaveTextAsync("Claude Haiku (class)");
        await Assertions.Expect(answer.Locator("[data-testid=message-content]")).ToContainTextAsync("tidal locking");

        var alexKey = (await app.StoredKeysAsync()).Single(k => k.Email == "alex@demo.grimoire.test");
        await Eventually.TrueAsync(() => app.StandIn.ChatCalls.Count > 0, "the stand-in records the chat call");
        var call = Assert.Single(app.StandIn.ChatCalls);
        Assert.Equal(alexKey.Hash, call.KeyHash);
        Assert.Equal(200, call.Status);

        // Spend comes back from the provider's key listing.
        await instructor.Locator("[data-testid=keys-refresh]").ClickAsync();
        var alexRow = instructor.Locator("[data-testid=key-row][data-email='alex@demo.grimoire.test']");
        await Assertions.Expect(instructor.Locator("[data-testid=keys-spend-as-of]")).ToContainTextAsync("as reported by OpenRouter");
        await Assertions.Expect(alexRow.Locator("[data-testid=key-spend]")).Not.ToHaveTextAsync("$0.00");

        // Disabling the key stops the student before anything is sent; the composer keeps their text (X7).
        await alexRow.Locator("[data-testid=key-actions] button").ClickAsync();
        await instructor.Locator("[data-testid=key-disable]").ClickAsync();
        await Assertions.Expect(alexRow).ToHaveAttributeAsync("data-status", "disabled");
        await input.FillAsync("And the Moon?");
        await input.PressAsync("Enter");
        await Assertions.Expect(student.Locator("[data-testid=notice]")).ToContainTextAsync("paused your access");
        await Assertions.Expect(input).ToHaveValueAsync("And the Moon?");
        Assert.Single(app.StandIn.ChatCalls);

        Assert.Empty(instructorErrors);
        Assert.Empty(studentErrors);
    }

    private static async Task<List<string>> ModelIdsAsync(ILocator options)
    {
        var ids = new List<string>();
        for (var i = 0; i < await options.CountAsync(); i++)
        {
            ids.Add(await options.Nth(i).GetAttributeAsync("data-model-id") ?? "");
        }

        return ids;
    }

    private static void CollectionAssertEquivalent(IEnumerable<string> expected, IEnumerable<string> actual) =>
        Assert.Equal(expected.Order(StringComparer.Ordinal), actual.Order(StringComparer.Ordinal));
}
