using Grimoire.Core.Accounts;
using Grimoire.Core.Courses;
using Grimoire.Core.Playground;
using Grimoire.Core.Playground.Live;
using Grimoire.Core.Playground.Turns;
using Grimoire.Core.Tests.Infrastructure;
using Grimoire.Core.Tests.Playground.Limits;
using Grimoire.Core.Workspaces;

namespace Grimoire.Core.Tests.Playground;

/// <summary>
/// Stop is checked on the server (issue 17 item 6): only an editor of the conversation's workspace, in a course that
/// is not archived, stops its answer. The course's instructor and tutor (read-only viewers), a classmate and anyone
/// in an archived course are refused, and the answer goes on to complete.
/// </summary>
public abstract class TurnStopperTests<TDatabase> : DatabaseTest<TDatabase> where TDatabase : TestDatabase, new()
{
    private PlaygroundScenario scenario = default!;

    private TurnStopper Stopper => Db.Get<TurnStopper>();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        scenario = new PlaygroundScenario(Db);
        await scenario.SetUpAsync();
    }

    [Fact]
    public async Task The_owner_stops_the_answer_and_keeps_the_partial()
    {
        var start = await scenario.StartStreamingAsync();

        Assert.Null(await Stopper.StopAsync(scenario.Student.Id, scenario.Conversation.Id, Ct));

        await scenario.WaitForTurnAsync();
        Assert.Equal(MessageStatus.Cancelled, (await scenario.MessageAsync(start.AssistantMessageId)).Status);
    }

    [Fact]
    public async Task An_editor_of_the_workspace_may_stop_it_too()
    {
        await scenario.AddMemberAsync(scenario.Classmate, WorkspacePermission.Editor);
        var start = await scenario.StartStreamingAsync();

        Assert.Null(await Stopper.StopAsync(scenario.Classmate.Id, scenario.Conversation.Id, Ct));

        await scenario.WaitForTurnAsync();
        Assert.Equal(MessageStatus.Cancelled, (await scenario.MessageAsync(start.AssistantMessageId)).Status);
    }

    [Theory]
    [InlineData("instructor")]
    [InlineData("tutor")]
    [InlineData("classmate")]
    [InlineData("viewer member")]
    public async Task Someone_who_may_only_read_or_not_even_that_is_refused_and_the_answer_completes(string who)
    {
        var person = who switch
        {
            "instructor" => scenario.Instructor,
            "tutor" => await EnrollTutorAsync(),
            "classmate" => scenario.Classmate,
            _ => scenario.Classmate,
        };
        if (who == "viewer member")
        {
            await scenario.AddMemberAsync(person, WorkspacePermission.Viewer);
        }

        using var counter = new RefusalCounter(Db.Get<PlaygroundRefusals>());
        var start = await scenario.StartStreamingAsync();

        var refusal = await Stopper.StopAsync(person.Id, scenario.Conversation.Id, Ct);

        Assert.Equal(TurnStopper.ReadOnly, refusal);
        Assert.False(Db.Get<ILiveTurnHub>().LocalTurn(scenario.Conversation.Id)?.StopRequested ?? true);
        Assert.Equal([RefusalReasons.StopNotAllowed], counter.Reasons);
        Db.Get<Microsoft.Extensions.Options.IOptions<Grimoire.Llm.GrimoireProvidersOptions>>().Value.Simulated.DelayMs = 0;
        await scenario.WaitForTurnAsync();
        Assert.Equal(MessageStatus.Complete, (await scenario.MessageAsync(start.AssistantMessageId)).Status);
    }

    [Fact]
    public async Task In_an_archived_course_even_the_owner_is_refused()
    {
        var start = await scenario.StartStreamingAsync();
        await scenario.ArchiveCourseAsync();

        var refusal = await Stopper.StopAsync(scenario.Student.Id, scenario.Conversation.Id, Ct);

        Assert.Equal(ConversationChangeRules.CourseArchived, refusal);
        Assert.False(Db.Get<ILiveTurnHub>().LocalTurn(scenario.Conversation.Id)?.StopRequested ?? true);
        await scenario.StopAsync(); // the test's own clean-up, straight on the live turn
        Assert.NotEqual(MessageStatus.Streaming, (await scenario.MessageAsync(start.AssistantMessageId)).Status);
    }

    [Fact]
    public async Task Nothing_running_is_not_a_refusal() =>
        Assert.Null(await Stopper.StopAsync(scenario.Instructor.Id, scenario.Conversation.Id, Ct));

    private async Task<User> EnrollTutorAsync()
    {
        await using var db = Db.CreateContext();
        var tutor = new User { Email = "tutor@uni.test", DisplayName = "Terry Tutor", FirstName = "Terry" };
        db.Users.Add(tutor);
        db.Enrollments.Add(new Enrollment { UserId = tutor.Id, CourseId = scenario.Course.Id, Role = CourseRole.Tutor });
        await db.SaveChangesAsync();
        return tutor;
    }
}

public sealed class TurnStopperTestsOnSqlite : TurnStopperTests<SqliteTestDatabase>;

public sealed class TurnStopperTestsOnPostgres : TurnStopperTests<PostgresTestDatabase>;
