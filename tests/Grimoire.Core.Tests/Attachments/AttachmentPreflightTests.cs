using Grimoire.Core.Attachments;
using Grimoire.Core.Playground;
using Grimoire.Core.Playground.Turns;
using Grimoire.Core.Tests.Infrastructure;
using Grimoire.Core.Tests.Playground;
using Microsoft.EntityFrameworkCore;

namespace Grimoire.Core.Tests.Attachments;

/// <summary>The pre-flight context check counts attached files (issue 10, AC7.4): images by the tile estimate, text by the tokenizer.</summary>
public abstract class AttachmentPreflightTests<TDatabase> : DatabaseTest<TDatabase> where TDatabase : TestDatabase, new()
{
    private const int Context = 1_000;

    private PlaygroundScenario scenario = default!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        scenario = new PlaygroundScenario(Db);
        await scenario.SetUpAsync();
        await using var db = Db.CreateContext();
        await db.CourseModelConfigs.Where(m => m.Id == scenario.Vision.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.ContextLength, Context));
    }

    private TurnSettings VisionSettings => new(scenario.Vision.Id, 0.3, 256, ThinkingEnabled: false);

    private async Task<Guid> UploadAsync(byte[] bytes, string name) =>
        (await Db.Get<AttachmentUploads>().UploadAsync(
            scenario.Student.Id, scenario.Conversation.WorkspaceId, name, bytes.Length, TestFiles.Stream(bytes), Ct)).Reference!.Id;

    private Task<TurnStart> SendAsync(params Guid[] files) =>
        Db.Get<TurnRunner>().StartAsync(scenario.Student.Id, scenario.Conversation.Id, "Describe this.", "Be brief.", VisionSettings, files, Ct);

    [Fact]
    public void AC7_4_an_images_estimate_follows_the_tile_rule()
    {
        Assert.Equal(255, AttachmentTokens.ForImage(40, 30)); // one tile, never scaled up
        Assert.Equal(765, AttachmentTokens.ForImage(2048, 2048)); // to 768×768: four tiles
        Assert.Equal(1105, AttachmentTokens.ForImage(1024, 2048)); // to 768×1536: six tiles
        Assert.Equal(AttachmentTokens.UnknownImage, AttachmentTokens.ForImage(0, 0));
    }

    [Fact]
    public async Task AC7_4_the_preflight_context_check_counts_a_large_image_and_refuses_before_anything_is_stored()
    {
        var large = await UploadAsync(TestFiles.Png(2048, 2048), "big.png");

        var refused = await SendAsync(large).RefusedAsync();

        Assert.Contains("too long for Simulated Vision", refused.Message, StringComparison.Ordinal);
        Assert.Empty(await scenario.MessagesAsync());

        // The same question with a small image (one tile) fits.
        var small = await UploadAsync(TestFiles.Png(40, 30), "small.png");
        var started = await SendAsync(small);
        await scenario.WaitForTurnAsync();
        Assert.Equal(2, (await scenario.MessagesAsync()).Count);
        Assert.NotEqual(Guid.Empty, started.AssistantMessageId);
    }

    [Fact]
    public async Task AC7_4_the_preflight_context_check_counts_an_attached_files_inlined_text()
    {
        var rows = string.Concat(Enumerable.Range(1, 400).Select(i => $"student{i},{i % 100}\n"));
        var csv = await UploadAsync(System.Text.Encoding.UTF8.GetBytes("name,score\n" + rows), "class.csv");

        var refused = await SendAsync(csv).RefusedAsync();

        Assert.Contains("too long for Simulated Vision", refused.Message, StringComparison.Ordinal);
        Assert.Empty(await scenario.MessagesAsync());
    }
}

public sealed class AttachmentPreflightTestsOnSqlite : AttachmentPreflightTests<SqliteTestDatabase>;

public sealed class AttachmentPreflightTestsOnPostgres : AttachmentPreflightTests<PostgresTestDatabase>;
