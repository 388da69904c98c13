using System.Security.Cryptography;
using System.Text;
using Grimoire.Core.Attachments;
using Grimoire.Core.Audit;
using Grimoire.Core.Playground;
using Grimoire.Core.Playground.Turns;
using Grimoire.Core.Tests.Audit;
using Grimoire.Core.Tests.Infrastructure;
using Grimoire.Core.Tests.Playground;
using Microsoft.EntityFrameworkCore;

namespace Grimoire.Core.Tests.Attachments;

/// <summary>Files on a message go to the model on this and every later turn (AC7.2, AC7.4), refused for a text-only model (AC7.5), deleted with the conversation (AC7.6).</summary>
public abstract class AttachmentTurnTests<TDatabase> : DatabaseTest<TDatabase> where TDatabase : TestDatabase, new()
{
    private PlaygroundScenario scenario = default!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        scenario = new PlaygroundScenario(Db);
        await scenario.SetUpAsync();
    }

    private TurnSettings VisionSettings => new(scenario.Vision.Id, 0.3, 1024, ThinkingEnabled: false);

    private async Task<AttachmentReference> UploadAsync(byte[] bytes, string name) =>
        (await Db.Get<AttachmentUploads>().UploadAsync(
            scenario.Student.Id, scenario.Conversation.WorkspaceId, name, bytes.Length, TestFiles.Stream(bytes), Ct)).Reference!;

    private Task<TurnStart> SendAsync(string text, TurnSettings settings, params Guid[] files) =>
        Db.Get<TurnRunner>().StartAsync(scenario.Student.Id, scenario.Conversation.Id, text, "Be brief.", settings, files, Ct);

    private async Task<PlaygroundMessage> SendAndWaitAsync(string text, TurnSettings settings, params Guid[] files)
    {
        var start = await SendAsync(text, settings, files);
        await scenario.WaitForTurnAsync();
        return await scenario.MessageAsync(start.AssistantMessageId);
    }

    [Fact]
    public async Task AC7_2_AC7_4_an_image_and_a_csv_go_to_the_vision_model_as_an_image_part_and_a_delimited_text_part()
    {
        var png = await UploadAsync(TestFiles.Png(40, 30), "chart.png");
        var csv = await UploadAsync(TestFiles.Csv(), "scores.csv");

        var answer = await SendAndWaitAsync("What do these show?", VisionSettings, png.Id, csv.Id);

        Assert.Equal(MessageStatus.Complete, answer.Status);
        Assert.Contains("I received 2 attachment(s)", answer.Content, StringComparison.Ordinal);
        Assert.Contains("**chart.png** (image/png", answer.Content, StringComparison.Ordinal);
        Assert.Contains("40×30 pixels", answer.Content, StringComparison.Ordinal);
        Assert.Contains("**scores.csv** (text/csv, 27 bytes) as text", answer.Content, StringComparison.Ordinal);
        Assert.Contains("\"type\":\"image_url\"", answer.RequestBody, StringComparison.Ordinal);
        Assert.Contains("data:image/png;base64,", answer.RequestBody, StringComparison.Ordinal);
        Assert.Contains("Ada,91", answer.RequestBody, StringComparison.Ordinal);

        var question = (await scenario.MessagesAsync())[0];
        var references = AttachmentReferences.Read(question.FileReferencesJson);
        Assert.Equal([png.Id, csv.Id], references.Select(r => r.Id));
        Assert.Equal([png.Sha256, csv.Sha256], references.Select(r => r.Sha256));
    }

    [Fact]
    public async Task AC7_4_later_turns_and_regeneration_carry_the_same_files()
    {
        var png = await UploadAsync(TestFiles.Png(40, 30), "chart.png");
        var first = await SendAndWaitAsync("Describe it", VisionSettings, png.Id);

        var second = await SendAndWaitAsync("And the colours?", VisionSettings);
        Assert.Contains("data:image/png;base64,", second.RequestBody, StringComparison.Ordinal);

        await Db.Get<TurnRunner>().RegenerateAsync(
            scenario.Student.Id, scenario.Conversation.Id, first.Id, RegenerateWith.CurrentSettings, VisionSettings, "Be brief.", Ct);
        await scenario.WaitForTurnAsync();
        var regenerated = await scenario.MessageAsync(first.Id);
        Assert.Contains("data:image/png;base64,", regenerated.RequestBody, StringComparison.Ordinal);
        Assert.Contains("**chart.png**", regenerated.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AC7_6_the_archive_records_files_by_content_hash_and_the_exact_body_by_its_hash()
    {
        var bytes = TestFiles.Png(40, 30);
        var png = await UploadAsync(bytes, "chart.png");
        var answer = await SendAndWaitAsync("Describe it", VisionSettings, png.Id);

        var record = Assert.Single(ArchivedRecords.Read(Db, AuditKinds.ProviderCall));
        var body = record.GetProperty("data").Text("request", "body")!;
        Assert.DoesNotContain(";base64,", body, StringComparison.Ordinal);
        Assert.Contains("data:image/png;sha256,", body, StringComparison.Ordinal);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(answer.RequestBody!))),
            record.GetProperty("data").Text("request", "bodySha256"));
    }

    [Fact]
    public async Task AC7_5_a_text_only_model_refuses_files_and_nothing_is_stored()
    {
        var csv = await UploadAsync(TestFiles.Csv(), "scores.csv");

        var start = await SendAsync("Read this", scenario.SwiftSettings(), csv.Id).RefusedAsync();

        Assert.Equal(TurnAttachments.ModelTakesNone, start.Message);
        Assert.Empty(await scenario.MessagesAsync());
    }

    [Fact]
    public async Task AC7_6_a_file_of_another_student_cannot_be_put_on_a_message()
    {
        var classmateConversation = await Db.Get<ConversationStore>().CreateAsync(scenario.Classmate.Id, scenario.Course.Id, Ct);
        var theirs = (await Db.Get<AttachmentUploads>().UploadAsync(
            scenario.Classmate.Id, classmateConversation.WorkspaceId, "theirs.csv", null, TestFiles.Stream(TestFiles.Csv()), Ct)).Reference!;

        var start = await SendAsync("Read this", VisionSettings, theirs.Id).RefusedAsync();

        Assert.Equal(TurnAttachments.NotYours, start.Message);
    }

    [Fact]
    public async Task AC7_6_deleting_the_conversation_deletes_its_files_from_the_store()
    {
        var png = await UploadAsync(TestFiles.Png(40, 30), "chart.png");
        await SendAndWaitAsync("Describe it", VisionSettings, png.Id);
        var folder = Path.Combine(Db.DataDirectory, "files");
        Assert.Single(Directory.GetFiles(folder, "*", SearchOption.AllDirectories));

        await Db.Get<ConversationDeletions>().DeleteAsync(scenario.Student.Id, scenario.Conversation.Id, Ct);

        Assert.Empty(Directory.GetFiles(folder, "*", SearchOption.AllDirectories));
        await using var db = Db.CreateContext();
        Assert.False(await db.Attachments.AnyAsync());
    }
}

public sealed class AttachmentTurnTestsOnSqlite : AttachmentTurnTests<SqliteTestDatabase>;

public sealed class AttachmentTurnTestsOnPostgres : AttachmentTurnTests<PostgresTestDatabase>;
