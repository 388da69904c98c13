using Grimoire.EndToEnd.Infrastructure;
using Microsoft.Playwright;
using static Grimoire.EndToEnd.Infrastructure.LeakWalk;

namespace Grimoire.EndToEnd;

/// <summary>
/// AC2.4 end to end, the secret-leak test of issue 5: with known key values seeded, every page of the instructor's
/// course admin, the site admin's pages, the student's playground (a call answered on the student's own key, and one
/// refused for a key the provider never minted) and the anonymous pages is exercised in Chromium while every HTTP
/// response and WebSocket frame is recorded; then no response, frame, log line (any level) or file in the data folder
/// may hold any byte of a key (plain, UTF-16, base64, hex, or a 20-character piece), nor of the management or
/// encryption key. Controls make sure the test could fail: the recording is substantial and has no holes, the keys
/// were really used, and the same scan finds what the students typed and the answer where they went.
/// </summary>
public sealed class SecretLeakTests : IClassFixture<StandInBrowserApp>
{
    private readonly StandInBrowserApp app;
    private readonly Dictionary<string, TrafficRecorder> recorders = [];
    private readonly Dictionary<string, List<string>> consoleErrors = [];

    public SecretLeakTests(StandInBrowserApp app) => this.app = app;

    [Fact]
    public async Task AC2_4_no_key_reaches_any_response_frame_log_or_data_file_while_every_page_is_used()
    {
        var canaries = await CanaryKeys.SeedAsync(app.Services);

        // Every context records from before its first navigation.
        var anonymous = await OpenAsync("anonymous");
        var instructor = await OpenAsync("instructor");
        var student = await OpenAsync("student");
        var admin = await OpenAsync("admin");
        var casey = await OpenAsync("casey");
        await using var contexts = new ContextsDisposal([anonymous.Context, instructor.Context, student.Context, admin.Context, casey.Context]);

        await WalkAnonymousAsync(anonymous.Page);
        await SetUpCourseAsInstructorAsync(instructor.Page);
        await ManageKeysAsInstructorAsync(instructor.Page, app.StandIn);
        await ChatAsStudentAsync(student.Page);
        await ChatWithARefusedKeyAsync(casey.Page);
        await ReviewAsInstructorAsync(instructor.Page);
        await WalkAsSiteAdminAsync(admin.Page);

        // Alex's chat really ran on Alex's own minted key at the provider; Casey's really presented the canary key.
        var stored = await app.StoredKeysAsync();
        var alexKey = stored.Single(k => k.Email == Alex);
        await Eventually.TrueAsync(() => app.StandIn.ChatCalls.Count >= 2, "the stand-in records both chat calls");
        Assert.Equal(2, app.StandIn.ChatCalls.Count);
        var answered = Assert.Single(app.StandIn.ChatCalls, c => c.Status == 200);
        Assert.Equal(alexKey.Hash, answered.KeyHash);
        var refused = Assert.Single(app.StandIn.ChatCalls, c => c.Status != 200);
        Assert.Equal(401, refused.Status);
        Assert.Equal(CanaryKeys.HashOf(canaries.OtherCourse), refused.KeyHash);

        // The secret set: every stored key (3 minted, Sam's rotated successor, the 2 canaries), each checked to be the
        // key its provider hash names; the management key; the encryption key as configured and as its raw bytes.
        Assert.Equal(6, stored.Count);
        Assert.All(stored, k => Assert.Equal(CanaryKeys.HashOf(k.Plain), k.Hash));
        Assert.Equal(2, stored.Count(k => k.Email == Sam));
        Assert.Subset(stored.Select(k => k.Plain).ToHashSet(), canaries.All.ToHashSet());
        var encryptionKeyBytes = Convert.FromBase64String(StandInBrowserApp.EncryptionKey);
        var secrets = new SecretScan(
            [StandInBrowserApp.ManagementKey, StandInBrowserApp.EncryptionKey, .. stored.Select(k => k.Plain), .. canaries.All],
            [encryptionKeyBytes]);
        Assert.Equal(9, secrets.SecretCount);

        var evidence = await LeakEvidence.GatherAsync(recorders, app.Logs.Lines, app.DataDirectory);
        AssertTheRecordingIsSubstantial(evidence);
        AssertTheScanFindsWhatWasThere(evidence, alexKey.Hash);

        var hits = evidence.Find(secrets);
        Assert.True(hits.Count == 0, $"{hits.Count} secret hit(s):\n" + string.Join('\n', hits.Take(50)));
        // The student's visit to /admin is answered 403 on purpose; anything else in a console is a problem.
        consoleErrors["student"].RemoveAll(e => e.Contains("status of 403 (Forbidden)", StringComparison.Ordinal));
        Assert.All(consoleErrors, errors => Assert.True(errors.Value.Count == 0, $"{errors.Key}: {string.Join("; ", errors.Value)}"));
    }

    private void AssertTheRecordingIsSubstantial(LeakEvidence evidence)
    {
        Assert.All(recorders, r => Assert.True(r.Value.Unrecorded.Count == 0, $"{r.Key}: not recorded: {string.Join(", ", r.Value.Unrecorded)}"));
        foreach (var who in recorders.Keys)
        {
            Assert.True(evidence.Count("response", who) >= 20, $"{who}: only {evidence.Count("response", who)} responses recorded");
        }

        foreach (var who in new[] { "instructor", "student", "admin", "casey" })
        {
            Assert.True(evidence.Count("frame-received", who) >= 20, $"{who}: only {evidence.Count("frame-received", who)} frames received");
            Assert.True(evidence.Count("frame-sent", who) >= 10, $"{who}: only {evidence.Count("frame-sent", who)} frames sent");
        }

        Assert.True(evidence.Count("log") >= 100, $"only {evidence.Count("log")} log lines captured");
        Assert.Contains(evidence.Pieces, p => p.Kind == "file" && p.Where.EndsWith(".db", StringComparison.Ordinal));
        Assert.Contains(evidence.Pieces, p => p.Kind == "file" && p.Where.EndsWith(".jsonl", StringComparison.Ordinal));
    }

    /// <summary>Positive controls: the same machinery finds text that really went through each channel.</summary>
    private static void AssertTheScanFindsWhatWasThere(LeakEvidence evidence, string alexKeyHash)
    {
        var prompt = new SecretScan([Prompt]);
        var answer = new SecretScan([AnswerText]);
        Assert.NotEmpty(evidence.Find(prompt, p => p is { Kind: "frame-sent", Who: "student" }));
        Assert.NotEmpty(evidence.Find(prompt, p => p is { Kind: "frame-received", Who: "student" }));
        Assert.NotEmpty(evidence.Find(answer, p => p is { Kind: "frame-received", Who: "student" }));
        Assert.NotEmpty(evidence.Find(prompt, p => p is { Kind: "frame-received", Who: "instructor" }));
        Assert.NotEmpty(evidence.Find(answer, p => p is { Kind: "frame-received", Who: "instructor" }));
        Assert.NotEmpty(evidence.Find(prompt, p => p is { Kind: "response", Who: "student" }));
        Assert.NotEmpty(evidence.Find(prompt, p => p.Kind == "file" && p.Where.Contains(".jsonl", StringComparison.Ordinal)));
        Assert.NotEmpty(evidence.Find(prompt, p => p.Kind == "file" && p.Where.Contains(".db", StringComparison.Ordinal)));
        Assert.NotEmpty(evidence.Find(new SecretScan([RefusedPrompt]), p => p is { Kind: "frame-received", Who: "casey" }));
        Assert.NotEmpty(evidence.Find(new SecretScan([alexKeyHash]), p => p.Kind == "log"));
    }

    private async Task<(IBrowserContext Context, IPage Page)> OpenAsync(string who)
    {
        var (context, page, errors) = await app.NewPageAsync();
        recorders[who] = await TrafficRecorder.AttachAsync(context);
        consoleErrors[who] = errors;
        return (context, page);
    }

    /// <summary>Closes every browser context at the end, after the evidence is in.</summary>
    private sealed class ContextsDisposal(IReadOnlyList<IBrowserContext> contexts) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            foreach (var context in contexts)
            {
                await context.DisposeAsync();
            }
        }
    }
}
