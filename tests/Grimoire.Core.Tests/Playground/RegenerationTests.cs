using Grimoire.Core.Audit;
using Grimoire.Core.Playground;
using Grimoire.Core.Playground.Editing;
using Grimoire.Core.Playground.Turns;
using Grimoire.Core.Tests.Audit;
using Grimoire.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Grimoire.Core.Tests.Playground;

/// <summary>Regenerate replaces an answer in place, from the history before it, with current or original settings (AC6.3, AC4.4).</summary>
public abstract class RegenerationTests<TDatabase> : DatabaseTest<TDatabase> where TDatabase : TestDatabase, new()
{
    private PlaygroundScenario scenario = default!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        scenario = new PlaygroundScenario(Db);
        await scenario.SetUpAsync();
    }

    [Fact]
    public async Task AC6_3_regenerating_the_last_answer_with_current_settings_replaces_it_in_the_same_row()
    {
        var old = await scenario.SendAndWaitAsync("Explain recursion", scenario.SwiftSettings());
        await Db.Get<MessageEditor>().EditAsync(scenario.Student.Id, old.Id, "An edited answer", Ct);
        var question = (await scenario.MessagesAsync())[0];

        var start = await RegenerateAsync(old.Id, RegenerateWith.CurrentSettings, scenario.ThinkerSettings(), "Be thorough.");
        Assert.Equal((question.Id, old.Id), (start.UserMessageId, start.AssistantMessageId));
        await scenario.WaitForTurnAsync();

        var messages = await scenario.MessagesAsync();
        Assert.Equal(2, messages.Count);
        var now = messages[1];
        Assert.Equal((old.Id, old.Sequence, MessageStatus.Complete), (now.Id, now.Sequence, now.Status));
        Assert.Equal(("simulated/thinker", scenario.Thinker.Id), (now.Model, now.ModelConfigId));
        Assert.NotEqual(old.Content, now.Content);
        Assert.Null(now.EditedAt);
        Assert.False(string.IsNullOrEmpty(now.Thinking));
        Assert.NotEqual(old.RequestBody, now.RequestBody);
        Assert.Contains("Be thorough.", now.RequestBody, StringComparison.Ordinal);
        Assert.Equal("Be thorough.", MessageParameters.FromJson(now.ParametersJson)!.SystemPrompt);
        Assert.Equal("Be thorough.", (await ConversationAsync()).SystemPrompt); // as with a new turn

        var records = ArchivedRecords.Read(Db);
        Assert.Equal([AuditKinds.ProviderCall, AuditKinds.MessageEdited, AuditKinds.MessageRegenerated, AuditKinds.ProviderCall],
            records.Select(r => r.Text("kind")));
        var regenerated = records[2].GetProperty("data");
        Assert.Equal(("An edited answer", "simulated/swift"), (regenerated.Text("replaced", "content"), regenerated.Text("replaced", "model")));
        Assert.False(regenerated.GetProperty("usedOriginalSettings").GetBoolean());
        Assert.Equal(old.Id, regenerated.GetProperty("replacementMessageId").GetGuid());
        Assert.Equal((old.Id, scenario.Student.Id), (records[2].Id("messageId"), records[2].Id("userId")));
        Assert.Equal((now.Id, now.Content), (records[3].Id("messageId"), records[3].Text("data", "response", "text")));
        Assert.Equal(question.Id, records[3].GetProperty("data").GetProperty("userMessageId").GetGuid());
        Assert.Equal(old.Content, records[0].Text("data", "response", "text")); // the first answer stays in the archive
        var verification = await AuditVerifier.VerifyAsync(ArchivedRecords.Directory(Db), Ct);
        Assert.True(verification.IsIntact, verification.FirstProblem?.ToString());
    }

    [Fact]
    public async Task AC6_3_regenerating_with_original_settings_uses_the_model_parameters_and_prompt_the_answer_was_made_with()
    {
        var old = await scenario.SendAndWaitAsync("Explain recursion", scenario.ThinkerSettings(maxTokens: 3000));

        await RegenerateAsync(old.Id, RegenerateWith.OriginalSettings, scenario.SwiftSettings(), "A prompt set later.");
        await scenario.WaitForTurnAsync();

        var now = await scenario.MessageAsync(old.Id);
        Assert.Equal((MessageStatus.Complete, "simulated/thinker"), (now.Status, now.Model));
        Assert.Equal(MessageParameters.FromJson(old.ParametersJson), MessageParameters.FromJson(now.ParametersJson));
        Assert.Contains("Be brief.", now.RequestBody, StringComparison.Ordinal);
        Assert.DoesNotContain("A prompt set later.", now.RequestBody, StringComparison.Ordinal);
        Assert.Equal(old.RequestBody, now.RequestBody); // same history, model and parameters: the same request
        Assert.Equal("Be brief.", (await ConversationAsync()).SystemPrompt); // the student's current prompt is not touched
        Assert.True(ArchivedRecords.Read(Db, AuditKinds.MessageRegenerated).Single().GetProperty("data").GetProperty("usedOriginalSettings").GetBoolean());
        Assert.Equal(2, ArchivedRecords.Read(Db, AuditKinds.ProviderCall).Count);
    }

    [Fact]
    public async Task AC6_3_original_settings_are_refused_when_that_model_is_no_longer_available()
    {
        var old = await scenario.SendAndWaitAsync("Explain recursion", scenario.ThinkerSettings());
        await using (var db = Db.CreateContext())
        {
            await db.CourseModelConfigs.Where(m => m.Id == scenario.Thinker.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.IsEnabled, false), Ct);
        }

        var refused = await RegenerateAsync(old.Id, RegenerateWith.OriginalSettings, scenario.SwiftSettings()).RefusedAsync();

        Assert.Equal(TurnRunner.OriginalSettingsUnavailable, refused.Message);
        Assert.Equal(old.Content, (await scenario.MessageAsync(old.Id)).Content);
        Assert.Empty(ArchivedRecords.Read(Db, AuditKinds.MessageRegenerated));

        var withCurrent = await RegenerateAsync(old.Id, RegenerateWith.CurrentSettings, scenario.SwiftSettings());
        await scenario.WaitForTurnAsync();
        Assert.Equal("simulated/swift", (await scenario.MessageAsync(old.Id)).Model);
    }

    [Fact]
    public async Task AC6_3_regenerating_a_middle_answer_sends_only_the_earlier_messages_and_leaves_later_ones_as_they_were()
    {
        var first = await scenario.SendAndWaitAsync("My name is Ada.", scenario.SwiftSettings());
        await scenario.SendAndWaitAsync("What is my name?", scenario.SwiftSettings());
        var before = await scenario.MessagesAsync();
        var detail = await Db.Get<ConversationStore>().OpenAsync(scenario.Student.Id, scenario.Conversation.Id, Ct);
        Assert.Equal((2, 0, 0), (detail!.CountMessagesAfter(first.Id), detail.CountMessagesAfter(before[^1].Id), detail.CountMessagesAfter(Guid.Empty)));

        var start = await RegenerateAsync(first.Id, RegenerateWith.CurrentSettings, scenario.ThinkerSettings());
        await scenario.WaitForTurnAsync();

        var after = await scenario.MessagesAsync();
        Assert.Equal(before.Select(m => (m.Id, m.Sequence)), after.Select(m => (m.Id, m.Sequence)));
        Assert.NotEqual(before[1].Content, after[1].Content);
        foreach (var (was, now) in before.Skip(2).Zip(after.Skip(2)))
        {
            Assert.Equal((was.Content, was.Status, was.RequestBody, was.EditedAt), (now.Content, now.Status, now.RequestBody, now.EditedAt));
        }

        Assert.Contains("My name is Ada.", after[1].RequestBody, StringComparison.Ordinal);
        Assert.DoesNotContain("What is my name?", after[1].RequestBody, StringComparison.Ordinal);
        Assert.DoesNotContain(before[1].Content[..Math.Min(40, before[1].Content.Length)], after[1].RequestBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AC6_3_questions_other_peoples_answers_and_archived_courses_are_refused_and_nothing_changes()
    {
        var answer = await scenario.SendAndWaitAsync("One", scenario.SwiftSettings());
        var question = (await scenario.MessagesAsync())[0];

        var ofQuestion = await RegenerateAsync(question.Id, RegenerateWith.CurrentSettings, scenario.SwiftSettings()).RefusedAsync();
        var byStranger = await RegenerateAsync(answer.Id, RegenerateWith.CurrentSettings, scenario.SwiftSettings(), userId: scenario.Classmate.Id).RefusedAsync();
        var byInstructor = await RegenerateAsync(answer.Id, RegenerateWith.CurrentSettings, scenario.SwiftSettings(), userId: scenario.Instructor.Id).RefusedAsync();
        var unknown = await RegenerateAsync(Guid.CreateVersion7(), RegenerateWith.CurrentSettings, scenario.SwiftSettings()).RefusedAsync();
        await scenario.ArchiveCourseAsync();
        var archived = await RegenerateAsync(answer.Id, RegenerateWith.CurrentSettings, scenario.SwiftSettings()).RefusedAsync();

        Assert.Contains("Only an answer", ofQuestion.Message, StringComparison.Ordinal);
        Assert.Contains("can't post", byStranger.Message, StringComparison.Ordinal);
        Assert.Contains("can't post", byInstructor.Message, StringComparison.Ordinal);
        Assert.Contains("not in this conversation", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("archived", archived.Message, StringComparison.Ordinal);
        Assert.Equal(answer.Content, (await scenario.MessageAsync(answer.Id)).Content);
        Assert.Single(ArchivedRecords.Read(Db));
    }

    [Fact]
    public async Task AC6_3_nothing_is_regenerated_while_an_answer_streams_in_the_conversation()
    {
        var earlier = await scenario.SendAndWaitAsync("One", scenario.SwiftSettings());
        var streaming = await scenario.StartStreamingAsync();

        var ofEarlier = await RegenerateAsync(earlier.Id, RegenerateWith.CurrentSettings, scenario.SwiftSettings()).RefusedAsync();
        var ofStreaming = await RegenerateAsync(streaming.AssistantMessageId, RegenerateWith.CurrentSettings, scenario.SwiftSettings()).RefusedAsync();

        Assert.Equal(TurnRunner.TurnStillRunning, ofEarlier.Message);
        Assert.Equal(TurnRunner.TurnStillRunning, ofStreaming.Message);
        await scenario.StopAsync();
        Assert.Empty(ArchivedRecords.Read(Db, AuditKinds.MessageRegenerated));
        Assert.Equal(earlier.Content, (await scenario.MessageAsync(earlier.Id)).Content);
    }

    [Fact]
    public async Task AC6_3_an_answer_the_archive_cannot_keep_is_not_replaced_and_the_conversation_is_not_blocked()
    {
        var answer = await scenario.SendAndWaitAsync("One", scenario.SwiftSettings());
        await Db.Get<AuditArchive>().StopAsync(Ct);

        var refused = await RegenerateAsync(answer.Id, RegenerateWith.CurrentSettings, scenario.ThinkerSettings()).RefusedAsync();

        Assert.Contains("could not be archived", refused.Message, StringComparison.Ordinal);
        var stored = await scenario.MessageAsync(answer.Id);
        Assert.Equal((answer.Content, MessageStatus.Complete, answer.Model), (stored.Content, stored.Status, stored.Model));
        Assert.Null(Db.Get<Grimoire.Core.Playground.Live.ILiveTurnHub>().LocalTurn(scenario.Conversation.Id));
    }

    private Task<TurnStart> RegenerateAsync(
        Guid messageId, RegenerateWith choice, TurnSettings current, string currentPrompt = "Be brief.", Guid? userId = null) =>
        Db.Get<TurnRunner>().RegenerateAsync(userId ?? scenario.Student.Id, scenario.Conversation.Id, messageId, choice, current, currentPrompt, Ct);

    private async Task<PlaygroundConversation> ConversationAsync()
    {
        await using var db = Db.CreateContext();
        return await db.PlaygroundConversations.AsNoTracking().SingleAsync(c => c.Id == scenario.Conversation.Id, Ct);
    }
}

public sealed class RegenerationTestsOnSqlite : RegenerationTests<SqliteTestDatabase>;

public sealed class RegenerationTestsOnPostgres : RegenerationTests<PostgresTestDatabase>;
