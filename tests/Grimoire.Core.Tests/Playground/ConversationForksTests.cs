using Grimoire.Core.Audit;
using Grimoire.Core.Playground;
using Grimoire.Core.Playground.Editing;
using Grimoire.Core.Playground.Forking;
using Grimoire.Core.Playground.Turns;
using Grimoire.Core.Tests.Audit;
using Grimoire.Core.Tests.Infrastructure;
using Grimoire.Core.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace Grimoire.Core.Tests.Playground;

/// <summary>Branching a conversation from any message (X2), linked both ways, archived (AC4.4).</summary>
public abstract class ConversationForksTests<TDatabase> : DatabaseTest<TDatabase> where TDatabase : TestDatabase, new()
{
    private PlaygroundScenario scenario = default!;

    private ConversationForks Forks => Db.Get<ConversationForks>();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        scenario = new PlaygroundScenario(Db);
        await scenario.SetUpAsync();
    }

    [Fact]
    public async Task X2_a_branch_copies_every_message_up_to_the_chosen_one_into_the_same_workspace()
    {
        var first = await scenario.SendAndWaitAsync("My name is Ada.", scenario.ThinkerSettings());
        await scenario.SendAndWaitAsync("What is my name?", scenario.SwiftSettings());
        await Db.Get<MessageEditor>().EditAsync(scenario.Student.Id, first.Id, "Hello Ada.", Ct);
        var source = await scenario.MessagesAsync();

        var fork = await Forks.ForkAsync(scenario.Student.Id, first.Id, Ct);

        var branch = fork.Conversation!;
        var sourceConversation = await ConversationAsync(scenario.Conversation.Id);
        Assert.Equal((sourceConversation.WorkspaceId, sourceConversation.CourseId, scenario.Student.Id),
            (branch.WorkspaceId, branch.CourseId, branch.OwnerId));
        Assert.Equal(sourceConversation.Title + " (branch)", branch.Title);
        Assert.Equal(sourceConversation.SystemPrompt, branch.SystemPrompt);
        Assert.Equal((scenario.Conversation.Id, first.Id), (branch.ForkedFromConversationId, branch.ForkedFromMessageId));

        var copies = await MessagesOfAsync(branch.Id);
        Assert.Equal([0, 1], copies.Select(m => m.Sequence));
        foreach (var (original, copy) in source.Take(2).Zip(copies))
        {
            Assert.NotEqual(original.Id, copy.Id);
            Assert.Equal(branch.Id, copy.ConversationId);
            Assert.Equal(
                (original.Role, original.Content, original.Thinking, original.ThinkingSignature, original.ThinkingBlocksJson, original.ParametersJson),
                (copy.Role, copy.Content, copy.Thinking, copy.ThinkingSignature, copy.ThinkingBlocksJson, copy.ParametersJson));
            Assert.Equal(
                (original.RequestBody, original.RequestUrl, original.InputTokens, original.OutputTokens, original.Cost, original.Status),
                (copy.RequestBody, copy.RequestUrl, copy.InputTokens, copy.OutputTokens, copy.Cost, copy.Status));
            Assert.Equal(
                (original.Model, original.Provider, original.ModelConfigId, original.AuthorUserId, original.CreatedAt, original.EditedAt, original.FinishedAt),
                (copy.Model, copy.Provider, copy.ModelConfigId, copy.AuthorUserId, copy.CreatedAt, copy.EditedAt, copy.FinishedAt));
        }

        var unchanged = await scenario.MessagesAsync();
        Assert.Equal(source.Select(m => (m.Id, m.Content)), unchanged.Select(m => (m.Id, m.Content)));

        var record = Assert.Single(ArchivedRecords.Read(Db, AuditKinds.ConversationForked));
        Assert.Equal((branch.Id, scenario.Student.Id, branch.WorkspaceId), (record.Id("conversationId"), record.Id("userId"), record.Id("workspaceId")));
        var data = record.GetProperty("data");
        Assert.Equal((scenario.Conversation.Id, first.Id), (data.GetProperty("sourceConversationId").GetGuid(), data.GetProperty("sourceMessageId").GetGuid()));
        Assert.Equal(source.Take(2).Zip(copies).Select(p => (p.First.Id, p.Second.Id)),
            data.GetProperty("copies").EnumerateArray().Select(c => (c.GetProperty("from").GetGuid(), c.GetProperty("to").GetGuid())));
        var verification = await AuditVerifier.VerifyAsync(ArchivedRecords.Directory(Db), Ct);
        Assert.True(verification.IsIntact, verification.FirstProblem?.ToString());
    }

    [Fact]
    public async Task X2_source_and_branch_are_linked_both_ways_when_opened()
    {
        var first = await scenario.SendAndWaitAsync("One", scenario.SwiftSettings());
        var branch = (await Forks.ForkAsync(scenario.Student.Id, first.Id, Ct)).Conversation!;
        var store = Db.Get<ConversationStore>();

        var openedSource = await store.OpenAsync(scenario.Student.Id, scenario.Conversation.Id, Ct);
        var openedBranch = await store.OpenAsync(scenario.Student.Id, branch.Id, Ct);

        var listed = Assert.Single(openedSource!.Forks.Branches);
        Assert.Equal((branch.Id, branch.Title, first.Id, (int?)1), (listed.ConversationId, listed.Title, listed.FromMessageId, listed.FromSequence));
        Assert.Equal(branch.CreatedAt, listed.CreatedAt);
        Assert.Null(openedSource.Forks.Source);
        var origin = openedBranch!.Forks.Source!;
        Assert.Equal((scenario.Conversation.Id, "One", first.Id, (int?)1), (origin.ConversationId, origin.Title, origin.MessageId, origin.MessageSequence));
        Assert.Empty(openedBranch.Forks.Branches);
        Assert.Equal(openedSource.Forks.Branches, (await Forks.GetLinksAsync(scenario.Student.Id, scenario.Conversation.Id, Ct)).Branches);
        Assert.Same(ForkLinks.None, await Forks.GetLinksAsync(scenario.Classmate.Id, scenario.Conversation.Id, Ct));
    }

    [Fact]
    public async Task X2_a_branch_goes_on_by_itself_with_the_copied_history_and_thinking()
    {
        var first = await scenario.SendAndWaitAsync("My name is Ada.", scenario.ThinkerSettings());
        var branch = (await Forks.ForkAsync(scenario.Student.Id, first.Id, Ct)).Conversation!;

        var start = await Db.Get<TurnRunner>().StartAsync(scenario.Student.Id, branch.Id, "What is my name?", "Be brief.", scenario.ThinkerSettings(), Ct);
        await Db.Get<Grimoire.Core.Playground.Live.ILiveTurnHub>().LocalTurn(branch.Id)!.Completion.WaitAsync(TimeSpan.FromMinutes(1));

        var answer = await scenario.MessageAsync(start.AssistantMessageId);
        Assert.Equal((MessageStatus.Complete, 3), (answer.Status, answer.Sequence));
        Assert.Contains("My name is Ada.", answer.RequestBody, StringComparison.Ordinal);
        Assert.Contains(first.ThinkingSignature!, answer.RequestBody, StringComparison.Ordinal); // the copy's thinking goes back (AC3.1)
        Assert.Equal(2, (await scenario.MessagesAsync()).Count);
    }

    [Fact]
    public async Task X2_deleting_the_source_keeps_the_branch_and_clears_its_link()
    {
        var first = await scenario.SendAndWaitAsync("One", scenario.SwiftSettings());
        var branch = (await Forks.ForkAsync(scenario.Student.Id, first.Id, Ct)).Conversation!;

        await Db.Get<ConversationStore>().DeleteAsync(scenario.Student.Id, scenario.Conversation.Id, Ct);

        var kept = await ConversationAsync(branch.Id);
        Assert.Equal(((Guid?)null, (Guid?)null), (kept.ForkedFromConversationId, kept.ForkedFromMessageId));
        Assert.Equal(2, (await MessagesOfAsync(branch.Id)).Count);
        Assert.Null((await Db.Get<ConversationStore>().OpenAsync(scenario.Student.Id, branch.Id, Ct))!.Forks.Source);
    }

    [Fact]
    public async Task X2_links_leave_out_conversations_the_person_cannot_view()
    {
        var first = await scenario.SendAndWaitAsync("One", scenario.SwiftSettings());
        var branch = (await Forks.ForkAsync(scenario.Student.Id, first.Id, Ct)).Conversation!;
        await using (var db = Db.CreateContext())
        {
            // The branch moves to a workspace only the classmate belongs to.
            var elsewhere = new Workspace { Title = "Priya's", CourseId = scenario.Course.Id };
            elsewhere.Members.Add(new WorkspaceMember { UserId = scenario.Classmate.Id, Permission = WorkspacePermission.Owner });
            db.Workspaces.Add(elsewhere);
            await db.SaveChangesAsync(Ct);
            await db.PlaygroundConversations.Where(c => c.Id == branch.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.WorkspaceId, elsewhere.Id), Ct);
        }

        Assert.Empty((await Forks.GetLinksAsync(scenario.Student.Id, scenario.Conversation.Id, Ct)).Branches);
        Assert.Null((await Forks.GetLinksAsync(scenario.Classmate.Id, branch.Id, Ct)).Source);
        Assert.Single((await Forks.GetLinksAsync(scenario.Instructor.Id, scenario.Conversation.Id, Ct)).Branches); // staff read every workspace
    }

    [Fact]
    public async Task X2_branching_needs_an_editor_an_active_course_and_a_finished_message()
    {
        var first = await scenario.SendAndWaitAsync("One", scenario.SwiftSettings());
        var streaming = await scenario.StartStreamingAsync();

        var ofStreaming = await Forks.ForkAsync(scenario.Student.Id, streaming.AssistantMessageId, Ct).RefusedAsync();
        var byStranger = await Forks.ForkAsync(scenario.Classmate.Id, first.Id, Ct).RefusedAsync();
        var byInstructor = await Forks.ForkAsync(scenario.Instructor.Id, first.Id, Ct).RefusedAsync();
        await Forks.ForkAsync(scenario.Student.Id, streaming.UserMessageId, Ct); // not refused: everything it copies is finished
        await scenario.StopAsync();
        await scenario.ArchiveCourseAsync();
        var archived = await Forks.ForkAsync(scenario.Student.Id, first.Id, Ct).RefusedAsync();

        Assert.Equal(ConversationForks.StillArriving, ofStreaming.Message);
        Assert.Equal(ConversationChangeRules.NoAccess, byStranger.Message);
        Assert.Equal(ConversationChangeRules.NoAccess, byInstructor.Message);
        Assert.Equal(ConversationChangeRules.CourseArchived, archived.Message);
        await using var db = Db.CreateContext();
        Assert.Equal(2, await db.PlaygroundConversations.CountAsync(Ct));
        Assert.Single(ArchivedRecords.Read(Db, AuditKinds.ConversationForked));
    }

    [Fact]
    public async Task X2_a_branch_the_archive_cannot_record_is_not_created()
    {
        var first = await scenario.SendAndWaitAsync("One", scenario.SwiftSettings());
        await Db.Get<AuditArchive>().StopAsync(Ct);

        var fork = await Forks.ForkAsync(scenario.Student.Id, first.Id, Ct).RefusedAsync();

        Assert.Equal(ConversationForks.NotArchived, fork.Message);
        await using var db = Db.CreateContext();
        Assert.Equal(1, await db.PlaygroundConversations.CountAsync(Ct));
        Assert.Equal(2, await db.PlaygroundMessages.CountAsync(Ct));
    }

    private async Task<PlaygroundConversation> ConversationAsync(Guid id)
    {
        await using var db = Db.CreateContext();
        return await db.PlaygroundConversations.AsNoTracking().SingleAsync(c => c.Id == id, Ct);
    }

    private async Task<List<PlaygroundMessage>> MessagesOfAsync(Guid conversationId)
    {
        await using var db = Db.CreateContext();
        return await db.PlaygroundMessages.AsNoTracking().Where(m => m.ConversationId == conversationId).OrderBy(m => m.Sequence).ToListAsync(Ct);
    }
}

public sealed class ConversationForksTestsOnSqlite : ConversationForksTests<SqliteTestDatabase>;

public sealed class ConversationForksTestsOnPostgres : ConversationForksTests<PostgresTestDatabase>;
