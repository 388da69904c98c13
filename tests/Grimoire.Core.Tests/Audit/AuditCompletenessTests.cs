using Grimoire.Core.Audit;
using Grimoire.Core.Audit.Anchors;
using Grimoire.Core.Data;
using Grimoire.Core.Playground;
using Grimoire.Core.Playground.Forking;
using Grimoire.Core.Tests.Infrastructure;
using Grimoire.Core.Tests.Playground;
using Microsoft.EntityFrameworkCore;

namespace Grimoire.Core.Tests.Audit;

/// <summary>
/// The archive never misses a state the database showed (issue 17 item 10, AC4.4): the start-up sweep of answers a
/// crash left streaming, and the deletion of a conversation, append their records before the database changes — and
/// if the archive refuses, the database does not change. On both databases.
/// </summary>
public abstract class AuditCompletenessTests<TDatabase> : DatabaseTest<TDatabase> where TDatabase : TestDatabase, new()
{
    [Fact]
    public async Task After_a_crash_start_up_archives_each_answer_left_streaming_with_its_partial_text_then_marks_it_interrupted_AC4_4()
    {
        var (conversation, question, streaming) = await CrashLeftStreamingAsync();

        await Db.Get<DatabaseInitializer>().InitializeAsync(migrate: false, Ct); // what the next start runs

        var record = Assert.Single(ArchivedRecords.Read(Db));
        Assert.Equal(AuditKinds.TurnInterrupted, record.Text("kind"));
        Assert.Equal(
            (streaming.AuthorUserId, conversation.CourseId, conversation.WorkspaceId, conversation.Id, streaming.Id),
            (record.Id("userId"), record.Id("courseId"), record.Id("workspaceId"), record.Id("conversationId"), record.Id("messageId")));
        var data = record.GetProperty("data");
        Assert.Equal(("Half an ans", "Thinking so f", "Streaming"), (data.Text("answer", "content"), data.Text("answer", "thinking"), data.Text("answer", "status")));
        Assert.Equal(("Interrupted", DatabaseInitializer.InterruptedMessage), (data.Text("status"), data.Text("errorText")));
        Assert.Equal(question.Id, data.GetProperty("userMessageId").GetGuid());

        var marked = await MessageAsync(streaming.Id);
        Assert.Equal((MessageStatus.Interrupted, "Half an ans"), (marked.Status, marked.Content));
        var verification = await Db.Get<AnchoredAuditVerifier>().VerifyAsync(ArchivedRecords.Directory(Db), Ct);
        Assert.True(verification.IsIntact, verification.FirstProblem?.ToString());
        Assert.Equal(1L, verification.Chains[0].AnchoredSequence);

        Assert.Equal(0, await Db.Get<DatabaseInitializer>().MarkInterruptedTurnsAsync(Ct)); // the next start finds nothing
        Assert.Single(ArchivedRecords.Read(Db));
    }

    [Fact]
    public async Task An_answer_the_archive_cannot_record_at_start_up_stays_as_it_was_AC4_4()
    {
        var (_, _, streaming) = await CrashLeftStreamingAsync();
        await Db.Get<AuditArchive>().StopAsync(Ct); // the archive refuses every record from here

        var marked = await Db.Get<DatabaseInitializer>().MarkInterruptedTurnsAsync(Ct);

        Assert.Equal(0, marked);
        Assert.Equal(MessageStatus.Streaming, (await MessageAsync(streaming.Id)).Status);
    }

    [Fact]
    public async Task Deleting_a_conversation_archives_what_was_deleted_before_the_rows_go_AC4_4()
    {
        var scenario = await ScenarioAsync();
        var answer = await scenario.SendAndWaitAsync("Keep this in the archive", scenario.SwiftSettings());
        var messages = await scenario.MessagesAsync();
        var branch = (await Db.Get<ConversationForks>().ForkAsync(scenario.Student.Id, answer.Id, Ct)).Conversation!;
        var title = (await Db.Get<ConversationStore>().OpenAsync(scenario.Student.Id, scenario.Conversation.Id, Ct))!.Conversation.Title;

        await Db.Get<ConversationStore>().DeleteAsync(scenario.Student.Id, scenario.Conversation.Id, Ct);

        var record = ArchivedRecords.Read(Db).Last();
        Assert.Equal((AuditKinds.ConversationDeleted, scenario.Student.Id, scenario.Conversation.Id),
            (record.Text("kind"), record.Id("userId"), record.Id("conversationId")));
        var data = record.GetProperty("data");
        Assert.Equal((title, 2), (data.Text("title"), data.GetProperty("messageCount").GetInt32()));
        Assert.Equal(messages.Select(m => m.Id), data.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("messageId").GetGuid()));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(answer.Content))),
            data.GetProperty("messages")[1].Text("contentSha256"));
        Assert.Equal([branch.Id], data.GetProperty("branchConversationIds").EnumerateArray().Select(b => b.GetGuid()));
        Assert.Equal(answer.Content, ArchivedRecords.Read(Db, AuditKinds.ProviderCall).Single().Text("data", "response", "text")); // still there

        await using var db = Db.CreateContext();
        Assert.False(await db.PlaygroundConversations.AnyAsync(c => c.Id == scenario.Conversation.Id, Ct));
        Assert.False(await db.PlaygroundMessages.AnyAsync(m => m.ConversationId == scenario.Conversation.Id, Ct));
        var verification = await Db.Get<AnchoredAuditVerifier>().VerifyAsync(ArchivedRecords.Directory(Db), Ct);
        Assert.True(verification.IsIntact, verification.FirstProblem?.ToString());
        Assert.Equal(verification.Chains[0].LastSequence, verification.Chains[0].AnchoredSequence);
    }

    [Fact]
    public async Task A_deletion_the_archive_cannot_record_deletes_nothing_AC4_4()
    {
        var scenario = await ScenarioAsync();
        await scenario.SendAndWaitAsync("Keep me", scenario.SwiftSettings());
        await Db.Get<AuditArchive>().StopAsync(Ct);

        var deletion = await Db.Get<ConversationStore>().DeleteAsync(scenario.Student.Id, scenario.Conversation.Id, Ct).RefusedAsync();

        Assert.Equal(ConversationDeletions.NotArchived, deletion.Message);
        Assert.Equal(2, (await scenario.MessagesAsync()).Count);
        Assert.Empty(ArchivedRecords.Read(Db, AuditKinds.ConversationDeleted));
    }

    [Fact]
    public async Task Start_up_refuses_to_go_on_when_the_database_anchor_does_not_check_out_X5()
    {
        var scenario = await ScenarioAsync();
        await scenario.SendAndWaitAsync("One", scenario.SwiftSettings());
        await using (var db = Db.CreateContext())
        {
            await db.AuditAnchors.ExecuteUpdateAsync(set => set.SetProperty(a => a.Sequence, 7L), Ct); // without the signing key
        }

        var refusal = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(
            () => Db.Get<DatabaseInitializer>().InitializeAsync(migrate: false, Ct));

        Assert.Contains("does not match the database's anchor: the anchor (record 7) cannot be trusted", Assert.Single(refusal.Failures), StringComparison.Ordinal);
    }

    /// <summary>What a crash leaves: an answer row still "streaming" with the text of its last checkpoint, and no process running it.</summary>
    private async Task<(PlaygroundConversation Conversation, PlaygroundMessage Question, PlaygroundMessage Streaming)> CrashLeftStreamingAsync()
    {
        var owner = SampleData.User();
        var course = SampleData.Course();
        var conversation = SampleData.Conversation(SampleData.Workspace(course), course, owner);
        var question = SampleData.Question(conversation, owner, 1, "Tell me everything");
        var streaming = SampleData.StreamingAnswer(conversation, owner, 2, "Half an ans", "Thinking so f");
        var done = SampleData.Message(conversation, owner, 3, status: MessageStatus.Complete);
        await using var db = Db.CreateContext();
        db.AddRange(conversation, question, streaming, done);
        await db.SaveChangesAsync(Ct);
        return (conversation, question, streaming);
    }

    private async Task<PlaygroundScenario> ScenarioAsync()
    {
        var scenario = new PlaygroundScenario(Db);
        await scenario.SetUpAsync();
        return scenario;
    }

    private async Task<PlaygroundMessage> MessageAsync(Guid id)
    {
        await using var db = Db.CreateContext();
        return await db.PlaygroundMessages.AsNoTracking().SingleAsync(m => m.Id == id, Ct);
    }
}

public sealed class AuditCompletenessTestsOnSqlite : AuditCompletenessTests<SqliteTestDatabase>;

public sealed class AuditCompletenessTestsOnPostgres : AuditCompletenessTests<PostgresTestDatabase>;
