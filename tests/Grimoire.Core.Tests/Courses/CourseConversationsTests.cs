using Grimoire.Core.Courses.Admin;
using Grimoire.Core.Tests.Infrastructure;
using Grimoire.Core.Workspaces;

namespace Grimoire.Core.Tests.CourseAdmin;

/// <summary>Staff read students' conversations of their course, filtered and paged, read-only (AC2.6).</summary>
public abstract class CourseConversationsTests<TDatabase> : DatabaseTest<TDatabase> where TDatabase : TestDatabase, new()
{
    private static readonly DateTime Monday = new(2026, 11, 23, 10, 0, 0, DateTimeKind.Utc);

    private CourseAdminScenario scenario = default!;

    private CourseConversations Conversations => Db.Get<CourseConversations>();

    private Guid CourseId => scenario.Course.Id;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        scenario = new CourseAdminScenario(Db);
        await scenario.SetUpAsync();
    }

    [Fact]
    public async Task The_list_is_students_only_newest_first_and_filters_by_student_date_and_model()
    {
        var thinker = await scenario.ModelAsync("simulated/thinker");
        var swift = await scenario.ModelAsync("simulated/swift");
        await scenario.ConversationAsync(scenario.Student, "Monday rivers", thinker, Monday);
        await scenario.ConversationAsync(scenario.Student, "Wednesday recursion", swift, Monday.AddDays(2));
        await scenario.ConversationAsync(scenario.Classmate, "Tuesday essays", swift, Monday.AddDays(1));
        await scenario.ConversationAsync(scenario.Instructor, "Instructor's own test", swift, Monday.AddDays(3));
        var others = (await scenario.ModelsAsync(scenario.OtherCourse.Id)).Single();
        await scenario.ConversationAsync(scenario.OtherStudent, "Other course", others, Monday, scenario.OtherCourse.Id);

        var all = await Conversations.ListAsync(scenario.Instructor.Id, CourseId, new CourseConversationFilter(), 0, 10, Ct);
        Assert.Equal(["Wednesday recursion", "Tuesday essays", "Monday rivers"], all.Rows.Select(r => r.Title));
        Assert.Equal(3, all.Total);
        Assert.Equal(("Alex Rivera", scenario.Student.Email, 2), (all.Rows[0].OwnerName, all.Rows[0].OwnerEmail, all.Rows[0].MessageCount));

        Assert.Equal(["Wednesday recursion", "Monday rivers"], await TitlesAsync(new(StudentId: scenario.Student.Id)));
        Assert.Equal(["Tuesday essays"], await TitlesAsync(new(ActiveFrom: DateOnly.FromDateTime(Monday.AddDays(1)), ActiveTo: DateOnly.FromDateTime(Monday.AddDays(1)))));
        Assert.Equal(["Wednesday recursion", "Tuesday essays"], await TitlesAsync(new(ModelId: "simulated/swift")));
        Assert.Equal(["Monday rivers"], await TitlesAsync(new(StudentId: scenario.Student.Id, ModelId: "simulated/thinker")));

        var page = await Conversations.ListAsync(scenario.Tutor.Id, CourseId, new CourseConversationFilter(), 2, 2, Ct);
        Assert.Equal(["Monday rivers"], page.Rows.Select(r => r.Title));
        Assert.Equal(3, page.Total);

        Assert.Equal(["simulated/swift", "simulated/thinker"], await Conversations.ListModelsUsedAsync(scenario.Instructor.Id, CourseId, Ct));
    }

    [Fact]
    public async Task Staff_open_a_students_conversation_read_only_with_names_and_models()
    {
        var swift = await scenario.ModelAsync("simulated/swift");
        var conversation = await scenario.ConversationAsync(scenario.Student, "Rivers", swift, Monday);

        foreach (var staff in new[] { scenario.Instructor, scenario.Tutor, scenario.SiteAdmin })
        {
            var view = await Conversations.OpenAsync(staff.Id, CourseId, conversation.Id, Ct);
            Assert.NotNull(view);
            Assert.Equal(WorkspacePermission.Viewer, view.Detail.Permission);
            Assert.False(view.Detail.CanWrite);
            Assert.Equal(("Rivers", 2), (view.Detail.Conversation.Title, view.Detail.Messages.Count));
            Assert.Equal(("Alex Rivera", "DEMO-101"), (view.OwnerName, view.CourseCode));
            Assert.Equal("Alex Rivera", view.AuthorNames[scenario.Student.Id]);
            Assert.Equal(3, view.Models.Count);
        }
    }

    [Fact]
    public async Task Nobody_reads_a_conversation_through_another_course_and_outsiders_are_refused()
    {
        var swift = await scenario.ModelAsync("simulated/swift");
        var conversation = await scenario.ConversationAsync(scenario.Student, "Rivers", swift, Monday);

        // The other course's instructor names their own course with this course's conversation id: nothing.
        Assert.Null(await Conversations.OpenAsync(scenario.OtherInstructor.Id, scenario.OtherCourse.Id, conversation.Id, Ct));
        Assert.Null(await Conversations.OpenAsync(scenario.Instructor.Id, CourseId, Guid.NewGuid(), Ct));

        foreach (var (who, user) in scenario.Outsiders)
        {
            await Refusals.AssertDeniedAsync(who, () => Conversations.OpenAsync(user.Id, CourseId, conversation.Id, Ct));
            await Refusals.AssertDeniedAsync(who, () => Conversations.ListAsync(user.Id, CourseId, new CourseConversationFilter(), 0, 10, Ct));
            await Refusals.AssertDeniedAsync(who, () => Conversations.ListModelsUsedAsync(user.Id, CourseId, Ct));
        }
    }

    private async Task<List<string>> TitlesAsync(CourseConversationFilter filter) =>
        (await Conversations.ListAsync(scenario.Instructor.Id, CourseId, filter, 0, 10, Ct)).Rows.Select(r => r.Title).ToList();
}

public sealed class CourseConversationsTestsOnSqlite : CourseConversationsTests<SqliteTestDatabase>;

public sealed class CourseConversationsTestsOnPostgres : CourseConversationsTests<PostgresTestDatabase>;
