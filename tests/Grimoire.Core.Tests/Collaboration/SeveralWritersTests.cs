using System.Text.Json;
using Grimoire.Core.Playground.Editing;
using Grimoire.Core.Playground.Live;
using Grimoire.Core.Playground.Turns;
using Grimoire.Core.Refusals;
using Grimoire.Core.Tests.Infrastructure;
using Grimoire.Core.Tests.Playground;
using Grimoire.Core.Workspaces;
using Grimoire.Core.Workspaces.Sharing;

namespace Grimoire.Core.Tests.Collaboration;

/// <summary>Several people writing into one conversation (AC8.2, AC8.3, issue 12 item 6).</summary>
public abstract class SeveralWritersTests<TDatabase> : DatabaseTest<TDatabase> where TDatabase : TestDatabase, new()
{
    private PlaygroundScenario scenario = default!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        scenario = new PlaygroundScenario(Db);
        await scenario.SetUpAsync();
    }

    private Task ShareWithPriyaAsync() => Db.Get<WorkspaceSharing>().InviteAsync(
        scenario.Student.Id, scenario.Conversation.WorkspaceId, scenario.Classmate.Id, WorkspacePermission.Editor, Ct);

    private static List<(string? Name, string Content)> UserMessages(string requestBody)
    {
        using var body = JsonDocument.Parse(requestBody);
        return [.. body.RootElement.GetProperty("messages").EnumerateArray()
            .Where(m => m.GetProperty("role").GetString() == "user")
            .Select(m => (m.TryGetProperty("name", out var n) ? n.GetString() : null, m.GetProperty("content").GetString()!))];
    }

    [Fact]
    public async Task AC8_3_in_a_shared_conversation_each_question_goes_with_its_authors_first_name_as_sent()
    {
        await ShareWithPriyaAsync();
        await scenario.SendAsync("Alex here: what is 2+2?", scenario.SwiftSettings());
        await scenario.WaitForTurnAsync();
        var second = await scenario.SendAsync("Priya here: and 3+3?", scenario.SwiftSettings(), scenario.Classmate.Id);
        await scenario.WaitForTurnAsync();

        var answer = await scenario.MessageAsync(second.AssistantMessageId);
        Assert.Equal([("Alex", "Alex here: what is 2+2?"), ("Priya", "Priya here: and 3+3?")], UserMessages(answer.RequestBody!));
        var question = await scenario.MessageAsync(second.UserMessageId);
        Assert.Equal(scenario.Classmate.Id, question.AuthorUserId); // stored with its author; the page shows the name
    }

    [Fact]
    public async Task AC8_3_a_conversation_of_one_person_is_sent_without_names()
    {
        var answer = await scenario.SendAndWaitAsync("Just me", scenario.SwiftSettings());

        Assert.Equal([(null, "Just me")], UserMessages(answer.RequestBody!));
    }

    [Fact]
    public async Task AC8_2_one_answer_at_a_time_the_second_writer_is_told_and_nothing_of_theirs_is_stored()
    {
        await ShareWithPriyaAsync();
        await scenario.StartStreamingAsync();
        var before = (await scenario.MessagesAsync()).Count;

        var refused = await scenario.SendAsync("Me too", scenario.SwiftSettings(), scenario.Classmate.Id).RefusedAsync();

        Assert.Equal(TurnRunner.TurnStillRunning, refused.Message);
        Assert.Equal(before, (await scenario.MessagesAsync()).Count);
        Assert.NotNull(Db.Get<ILiveTurnHub>().Current(scenario.Conversation.Id)); // still Alex's answer running
        await scenario.StopAsync();
    }

    [Fact]
    public async Task Issue12_item6_the_second_save_of_one_message_is_refused_naming_who_changed_it()
    {
        await ShareWithPriyaAsync();
        await scenario.SendAndWaitAsync("What is recursoin?", scenario.SwiftSettings());
        var question = (await scenario.MessagesAsync())[0];
        var shown = new EditBase(question.Content, question.EditedAt); // both opened the editor on this version
        var editor = Db.Get<MessageEditor>();

        await editor.EditAsync(scenario.Student.Id, question.Id, "What is recursion?", shown, Ct);
        var refused = await editor.EditAsync(scenario.Classmate.Id, question.Id, "What is recursion, really?", shown, Ct).RefusedAsync();

        Assert.Equal(MessageEditor.ChangedMeanwhileBy("Alex Rivera"), refused.Message);
        Assert.Equal(RefusalKind.Conflict, refused.Kind);
        Assert.Equal("What is recursion?", (await scenario.MessageAsync(question.Id)).Content);

        // Saving again from the version now shown replaces it, deliberately.
        var current = await scenario.MessageAsync(question.Id);
        var again = await editor.EditAsync(scenario.Classmate.Id, question.Id, "What is recursion, really?", new EditBase(current.Content, current.EditedAt), Ct);
        Assert.True(again.Changed);
        Assert.Equal(scenario.Classmate.Id, (await scenario.MessageAsync(question.Id)).EditedByUserId);
    }
}

public sealed class SeveralWritersTestsOnSqlite : SeveralWritersTests<SqliteTestDatabase>;

public sealed class SeveralWritersTestsOnPostgres : SeveralWritersTests<PostgresTestDatabase>;
