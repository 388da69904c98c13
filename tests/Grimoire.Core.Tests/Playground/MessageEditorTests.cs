using Grimoire.Core.Refusals;
using Grimoire.Core.Audit;
using Grimoire.Core.Playground;
using Grimoire.Core.Playground.Editing;
using Grimoire.Core.Tests.Audit;
using Grimoire.Core.Tests.Infrastructure;
using Grimoire.Core.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace Grimoire.Core.Tests.Playground;

/// <summary>Editing questions and answers in place: the database holds the current text, the archive every version (AC6.1, AC6.2, AC6.4, AC4.4).</summary>
public abstract class MessageEditorTests<TDatabase> : DatabaseTest<TDatabase> where TDatabase : TestDatabase, new()
{
    private PlaygroundScenario scenario = default!;

    private MessageEditor Editor => Db.Get<MessageEditor>();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        scenario = new PlaygroundScenario(Db);
        await scenario.SetUpAsync();
    }

    [Fact]
    public async Task AC6_1_AC6_4_editing_a_question_updates_the_database_and_archives_the_text_before_and_after()
    {
        await scenario.SendAndWaitAsync("What is recursoin?", scenario.SwiftSettings());
        var question = (await scenario.MessagesAsync())[0];

        var edit = await Editor.EditAsync(scenario.Student.Id, question.Id, "What is recursion?", Ct);

        Assert.True(edit.Changed);
        Assert.False(edit.ThinkingWithheld);
        var stored = await scenario.MessageAsync(question.Id);
        Assert.Equal("What is recursion?", stored.Content);
        Assert.NotNull(stored.EditedAt);
        Assert.Equal(stored.EditedAt, edit.Message!.EditedAt);

        var record = Assert.Single(ArchivedRecords.Read(Db, AuditKinds.MessageEdited));
        Assert.Equal((scenario.Student.Id, scenario.Conversation.Id, question.Id, scenario.Course.Id),
            (record.Id("userId"), record.Id("conversationId"), record.Id("messageId"), record.Id("courseId")));
        Assert.Equal("User", record.Text("data", "role"));
        var change = Assert.Single(record.GetProperty("data").GetProperty("changes").EnumerateArray());
        Assert.Equal(("content", "What is recursoin?", "What is recursion?"), (change.Text("field"), change.Text("before"), change.Text("after")));
    }

    [Fact]
    public async Task AC6_2_editing_an_answer_updates_it_and_its_thinking_is_no_longer_sent_with_the_history()
    {
        var first = await scenario.SendAndWaitAsync("My name is Ada.", scenario.ThinkerSettings());
        var second = await scenario.SendAndWaitAsync("What is my name?", scenario.ThinkerSettings());
        Assert.NotNull(first.ThinkingSignature);
        Assert.Contains(first.ThinkingSignature, second.RequestBody, StringComparison.Ordinal); // unedited: sent back (AC3.1)

        var edit = await Editor.EditAsync(scenario.Student.Id, first.Id, "Nice to meet you, Ada.", Ct);

        Assert.True(edit.ThinkingWithheld);
        var stored = await scenario.MessageAsync(first.Id);
        Assert.Equal("Nice to meet you, Ada.", stored.Content);
        Assert.NotNull(stored.EditedAt);
        Assert.Equal(first.ThinkingBlocksJson, stored.ThinkingBlocksJson); // kept, shown, just not sent
        Assert.True(ThinkingContinuity.IsWithheldAfterEdit(stored));
        Assert.False(ThinkingContinuity.IsWithheldAfterEdit(await scenario.MessageAsync(second.Id)));

        var third = await scenario.SendAndWaitAsync("And again?", scenario.ThinkerSettings());
        Assert.DoesNotContain(first.ThinkingSignature, third.RequestBody, StringComparison.Ordinal);
        Assert.Contains("Nice to meet you, Ada.", third.RequestBody, StringComparison.Ordinal);
        Assert.Contains(second.ThinkingSignature!, third.RequestBody, StringComparison.Ordinal);

        var change = ArchivedRecords.Read(Db, AuditKinds.MessageEdited).Single().GetProperty("data");
        Assert.Equal("Assistant", change.Text("role"));
        Assert.Equal(first.Content, change.GetProperty("changes")[0].Text("before"));
    }

    [Fact]
    public async Task AC4_4_AC6_4_edits_only_append_to_the_archive_and_it_still_verifies()
    {
        var answer = await scenario.SendAndWaitAsync("One", scenario.SwiftSettings());
        var question = (await scenario.MessagesAsync())[0];
        var before = ArchivedRecords.AllBytes(Db);

        Assert.True((await Editor.EditAsync(scenario.Student.Id, question.Id, "One, edited", Ct)).Changed);
        Assert.True((await Editor.EditAsync(scenario.Student.Id, answer.Id, "Answer, edited", Ct)).Changed);
        Assert.True((await Editor.EditAsync(scenario.Student.Id, answer.Id, "Answer, edited twice", Ct)).Changed);

        var after = ArchivedRecords.AllBytes(Db);
        Assert.True(after.Length > before.Length);
        Assert.Equal(before, after[..before.Length]);
        var edits = ArchivedRecords.Read(Db, AuditKinds.MessageEdited);
        Assert.Equal(
            [("One", "One, edited"), (answer.Content, "Answer, edited"), ("Answer, edited", "Answer, edited twice")],
            edits.Select(r => (r.GetProperty("data").GetProperty("changes")[0].Text("before"), r.GetProperty("data").GetProperty("changes")[0].Text("after"))));
        Assert.Equal(answer.Content, ArchivedRecords.Read(Db, AuditKinds.ProviderCall).Single().Text("data", "response", "text"));
        var verification = await AuditVerifier.VerifyAsync(ArchivedRecords.Directory(Db), Ct);
        Assert.True(verification.IsIntact, verification.FirstProblem?.ToString());
    }

    [Fact]
    public async Task AC6_4_the_same_text_again_is_not_an_edit()
    {
        var answer = await scenario.SendAndWaitAsync("One", scenario.SwiftSettings());

        var edit = await Editor.EditAsync(scenario.Student.Id, answer.Id, answer.Content, Ct);

        Assert.False(edit.Changed);
        Assert.Null((await scenario.MessageAsync(answer.Id)).EditedAt);
        Assert.Empty(ArchivedRecords.Read(Db, AuditKinds.MessageEdited));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \n ")]
    public async Task AC6_1_empty_text_is_refused_with_a_reason(string text)
    {
        var answer = await scenario.SendAndWaitAsync("One", scenario.SwiftSettings());

        var edit = await Editor.EditAsync(scenario.Student.Id, answer.Id, text, Ct).RefusedAsync();

        Assert.Equal(MessageEditor.EmptyContent, edit.Message);
        await AssertUnchangedAsync(answer);
    }

    [Fact]
    public async Task AC6_1_only_editors_of_the_workspace_may_edit()
    {
        var answer = await scenario.SendAndWaitAsync("One", scenario.SwiftSettings());

        var stranger = await Editor.EditAsync(scenario.Classmate.Id, answer.Id, "Hijacked", Ct).RefusedAsync();
        var instructor = await Editor.EditAsync(scenario.Instructor.Id, answer.Id, "Corrected", Ct).RefusedAsync(); // reads, never writes (AC2.6)
        await scenario.AddMemberAsync(scenario.Classmate, WorkspacePermission.Viewer);
        var viewer = await Editor.EditAsync(scenario.Classmate.Id, answer.Id, "Hijacked", Ct).RefusedAsync();
        var missing = await Editor.EditAsync(scenario.Student.Id, Guid.CreateVersion7(), "Anything", Ct).RefusedAsync();

        Assert.All([stranger, instructor, viewer, missing], e => Assert.Equal(ConversationChangeRules.NoAccess, e.Message));
        Assert.All([stranger, instructor, viewer, missing], e => Assert.Equal(RefusalKind.Forbidden, e.Kind));
        await AssertUnchangedAsync(answer);

        await using (var db = Db.CreateContext())
        {
            await db.WorkspaceMembers.Where(m => m.UserId == scenario.Classmate.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Permission, WorkspacePermission.Editor), Ct);
        }

        Assert.True((await Editor.EditAsync(scenario.Classmate.Id, answer.Id, "Improved by a collaborator", Ct)).Changed);
        Assert.Equal(scenario.Classmate.Id, ArchivedRecords.Read(Db, AuditKinds.MessageEdited).Single().Id("userId"));
    }

    [Fact]
    public async Task AC6_1_messages_of_an_archived_course_cannot_be_edited()
    {
        var answer = await scenario.SendAndWaitAsync("One", scenario.SwiftSettings());
        await scenario.ArchiveCourseAsync();

        var edit = await Editor.EditAsync(scenario.Student.Id, answer.Id, "Too late", Ct).RefusedAsync();

        Assert.Contains("archived", edit.Message, StringComparison.Ordinal);
        await AssertUnchangedAsync(answer);
    }

    [Fact]
    public async Task AC6_2_a_streaming_answer_and_the_question_it_answers_cannot_be_edited_until_it_ends()
    {
        var start = await scenario.StartStreamingAsync();

        var answerEdit = await Editor.EditAsync(scenario.Student.Id, start.AssistantMessageId, "Shorter", Ct).RefusedAsync();
        var questionEdit = await Editor.EditAsync(scenario.Student.Id, start.UserMessageId, "Another story", Ct).RefusedAsync();

        Assert.Equal(MessageEditor.StillArriving, answerEdit.Message);
        Assert.Equal(MessageEditor.BeingAnswered, questionEdit.Message);
        await scenario.StopAsync();
        Assert.Equal("Tell me a long story", (await scenario.MessageAsync(start.UserMessageId)).Content);
        Assert.Empty(ArchivedRecords.Read(Db, AuditKinds.MessageEdited));

        var afterwards = await Editor.EditAsync(scenario.Student.Id, start.AssistantMessageId, "The end.", Ct);
        Assert.True(afterwards.Changed);
    }

    [Fact]
    public async Task AC6_4_an_edit_the_archive_cannot_record_is_not_saved()
    {
        var answer = await scenario.SendAndWaitAsync("One", scenario.SwiftSettings());
        await Db.Get<AuditArchive>().StopAsync(Ct);

        var edit = await Editor.EditAsync(scenario.Student.Id, answer.Id, "Unrecorded", Ct).RefusedAsync();

        Assert.Equal(MessageEditor.NotArchived, edit.Message);
        await AssertUnchangedAsync(answer);
    }

    private async Task AssertUnchangedAsync(PlaygroundMessage original)
    {
        var stored = await scenario.MessageAsync(original.Id);
        Assert.Equal((original.Content, (DateTime?)null), (stored.Content, stored.EditedAt));
        Assert.Empty(ArchivedRecords.Read(Db, AuditKinds.MessageEdited));
    }
}

public sealed class MessageEditorTestsOnSqlite : MessageEditorTests<SqliteTestDatabase>;

public sealed class MessageEditorTestsOnPostgres : MessageEditorTests<PostgresTestDatabase>;
