using Grimoire.EndToEnd.Infrastructure;
using Grimoire.Web.Hosting.DemoOpenRouter;
using Microsoft.Playwright;
using static Grimoire.EndToEnd.Infrastructure.DemoPages;

namespace Grimoire.EndToEnd;

/// <summary>
/// Issue 17 item 12: the one run command shows the whole product. With the default demo settings (nothing about
/// OpenRouter configured) the instructor adds an OpenRouter model from the catalogue, mints keys for the class, and a
/// student chats on that model with their own key — all served by the stand-in inside the web process, labelled as
/// simulated on every page that shows its data, and without its management key or any minted key reaching a page,
/// a WebSocket frame , a log line or a data file.
/// </summary>
public sealed class OneCommandDemoTests : IClassFixture<DemoBrowserApp>
{
    private const string Haiku = "anthropic/claude-haiku-4.5";
    private readonly DemoBrowserApp app;

    public OneCommandDemoTests(DemoBrowserApp app) => this.app = app;

    [Fact]
    public async Task The_default_demo_runs_the_instructor_track_end_to_end_on_the_simulated_openrouter()
    {
        var (context, instructor, instructorErrors) = await app.NewPageAsync();
        await using var _ = context;
        var instructorTraffic = await TrafficRecorder.AttachAsync(context);
        await SignInAsync(instructor, "instructor");
        await OpenCourseAdminAsync(instructor);

        // Models: the catalogue is the stand-in's, and says so.
        await OpenTabAsync(instructor, "Models");
        await Assertions.Expect(instructor.Locator("[data-testid=catalogue] [data-testid=simulated-openrouter]")).ToContainTextAsync(SimulatedOpenRouter.Label);
        await instructor.Locator("[data-testid=catalogue-search] input, input[data-testid=catalogue-search]").First.FillAsync("haiku");
        await instructor.Locator("[data-testid=catalogue-go]").ClickAsync();
        var row = instructor.Locator($"[data-testid=catalogue-row][data-model-id='{Haiku}']");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await row.Locator("[data-testid=catalogue-add]").ClickAsync();
        await Assertions.Expect(instructor.Locator("[data-testid=model-details-dialog]")).ToBeVisibleAsync();
        await instructor.Locator("[data-testid=model-details-save]").ClickAsync();
        var added = instructor.Locator($"[data-testid=course-model-row][data-model-id='{Haiku}']");
        await Assertions.Expect(added).ToHaveAttributeAsync("data-enabled", "true");
        await Assertions.Expect(added.Locator("[data-testid=model-provider]")).ToHaveTextAsync(SimulatedOpenRouter.Label);

        // Keys: labelled, and minting for the class works without any configuration.
        await OpenTabAsync(instructor, "Keys");
        await Assertions.Expect(instructor.Locator("[data-testid=simulated-openrouter]")).ToContainTextAsync(SimulatedOpenRouter.Label);
        await Assertions.Expect(instructor.Locator("[data-testid=keys-not-configured]")).ToHaveCountAsync(0);
        await Assertions.Expect(instructor.Locator("[data-testid=key-row][data-status=none]")).ToHaveCountAsync(3);
        await instructor.Locator("[data-testid=keys-mint-all]").ClickAsync();
        await instructor.Locator(".mud-dialog button", new() { HasText = "Mint keys" }).ClickAsync();
        await Assertions.Expect(instructor.Locator("[data-testid=mint-results]")).ToContainTextAsync("3 minted");
        await Assertions.Expect(instructor.Locator("[data-testid=key-row][data-status=active]")).ToHaveCountAsync(3);
        Assert.Equal(3, app.StandIn.Keys.Count(k => !k.Deleted));

        // The student chats on that model with their own key; the playground says the model is simulated.
        var (studentContext, student, studentErrors) = await app.NewPageAsync();
        await using var __ = studentContext;
        var studentTraffic = await TrafficRecorder.AttachAsync(studentContext);
        await SignInAsync(student, "alex");
        await PlaygroundReadyAsync(student);
        await student.Locator("[data-testid=model-picker]").ClickAsync();
        await student.Locator(".mud-popover-open .model-option", new() { HasText = "Claude Haiku" }).ClickAsync();
        await Assertions.Expect(student.Locator("[data-testid=model-simulated]")).ToContainTextAsync(SimulatedOpenRouter.Label);
        var input = student.Locator("[data-testid=composer-input]");
        await input.FillAsync("Tell me about tidal locking");
        await input.PressAsync("Enter");
        var answer = student.Locator("[data-testid=message-card][data-role=assistant]").Last;
        await Assertions.Expect(answer).ToHaveAttributeAsync("data-status", "complete", new() { Timeout = 30_000 });
        await Assertions.Expect(answer.Locator("[data-testid=message-content]")).ToContainTextAsync("tidal locking");
        var alexKey = (await app.StoredKeysAsync()).Single(k => k.Email == "alex@demo.grimoire.test");
        var call = Assert.Single(app.StandIn.ChatCalls);
        Assert.Equal((200, alexKey.Hash), (call.Status, call.KeyHash));

        // Spend is read back from the stand-in, and labelled as such.
        await instructor.Locator("[data-testid=keys-refresh]").ClickAsync();
        await Assertions.Expect(instructor.Locator("[data-testid=keys-spend-as-of]")).ToContainTextAsync($"as reported by {SimulatedOpenRouter.Label}");
        var alexRow = instructor.Locator("[data-testid=key-row][data-email='alex@demo.grimoire.test']");
        await Assertions.Expect(alexRow.Locator("[data-testid=key-spend]")).Not.ToHaveTextAsync("$0.00");

        // Neither the stand-in's management key nor any minted key reached a browser , a log line or a data file.
        var stored = await app.StoredKeysAsync();
        Assert.Equal(3, stored.Count);
        var secrets = new SecretScan([app.ManagementKey, .. stored.Select(k => k.Plain)]);
        var evidence = await LeakEvidence.GatherAsync(
            new Dictionary<string, TrafficRecorder> { ["instructor"] = instructorTraffic, ["student"] = studentTraffic }, app.Logs.Lines, app.DataDirectory);
        Assert.True(evidence.Count("frame-received", "student") >= 10, "the student's circuit was recorded");
        Assert.NotEmpty(evidence.Find(new SecretScan(["Tell me about tidal locking"]), p => p is { Kind: "frame-received", Who: "student" }));
        var hits = evidence.Find(secrets);
        Assert.True(hits.Count == 0, $"{hits.Count} secret hit(s):\n" + string.Join('\n', hits.Take(20)));

        Assert.Empty(instructorErrors);
        Assert.Empty(studentErrors);
    }
}
