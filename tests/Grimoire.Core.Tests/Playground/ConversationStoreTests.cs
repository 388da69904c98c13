using Grimoire.Core.Refusals;
using Grimoire.Core.Courses;
using Grimoire.Core.Playground;
using Grimoire.Core.Tests.Infrastructure;
using Grimoire.Core.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace Grimoire.Core.Tests.Playground;

/// <summary>Conversations live in workspaces (AC4.5), list newest first (AC4.2), and every call checks access (AC8.6).</summary>
public abstract class ConversationStoreTests<TDatabase> : DatabaseTest<TDatabase> where TDatabase : TestDatabase, new()
{
    private PlaygroundScenario scenario = default!;

    private ConversationStore Store => Db.Get<ConversationStore>();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        scenario = new PlaygroundScenario(Db);
        await scenario.SetUpAsync();
    }

    [Fact]
    public async Task A_new_conversation_gets_its_own_workspace_owned_by_the_student_and_the_course_prompt()
    {
        await using var db = Db.CreateContext();
        var conversation = await db.PlaygroundConversations.Include(c => c.Workspace!.Members).SingleAsync(c => c.Id == scenario.Conversation.Id);

        Assert.Equal(scenario.Course.DefaultSystemPrompt, conversation.SystemPrompt);
        var member = Assert.Single(conversation.Workspace!.Members);
        Assert.Equal((scenario.Student.Id, WorkspacePermission.Owner), (member.UserId, member.Permission));
        Assert.Equal(scenario.Course.Id, conversation.Workspace.CourseId);
    }

    [Fact]
    public async Task Only_enrolled_people_start_conversations_in_active_courses()
    {
        var outsider = SampleData.User("Olga");
        await using (var db = Db.CreateContext())
        {
            db.Users.Add(outsider);
            await db.SaveChangesAsync(Ct);
        }

        await Assert.ThrowsAsync<PlaygroundAccessDeniedException>(() => Store.CreateAsync(outsider.Id, scenario.Course.Id, Ct));

        await using (var db = Db.CreateContext())
        {
            await db.Courses.ExecuteUpdateAsync(s => s.SetProperty(c => c.IsArchived, true), Ct);
        }

        await Assert.ThrowsAsync<PlaygroundAccessDeniedException>(() => Store.CreateAsync(scenario.Student.Id, scenario.Course.Id, Ct));
    }

    [Fact]
    public async Task The_list_is_newest_first_searchable_paged_and_only_the_persons_own()
    {
        var titles = new[] { "Essay on rivers", "100% sure?", "Quantum_stuff" };
        foreach (var title in titles)
        {
            var c = await Store.CreateAsync(scenario.Student.Id, scenario.Course.Id, Ct);
            await Store.RenameAsync(scenario.Student.Id, c.Id, title, Ct);
        }

        await Store.CreateAsync(scenario.Classmate.Id, scenario.Course.Id, Ct);

        var all = await Store.ListAsync(scenario.Student.Id, scenario.Course.Id, null, 0, 10, Ct);
        Assert.Equal(["Quantum_stuff", "100% sure?", "Essay on rivers", ConversationStore.DefaultTitle], all.Select(c => c.Title));
        Assert.Equal(["Essay on rivers"], (await Store.ListAsync(scenario.Student.Id, scenario.Course.Id, "RIVER", 0, 10, Ct)).Select(c => c.Title));
        Assert.Equal(["100% sure?"], (await Store.ListAsync(scenario.Student.Id, scenario.Course.Id, "0%", 0, 10, Ct)).Select(c => c.Title));
        Assert.Equal(["Quantum_stuff"], (await Store.ListAsync(scenario.Student.Id, scenario.Course.Id, "m_s", 0, 10, Ct)).Select(c => c.Title));
        Assert.Equal(2, (await Store.ListAsync(scenario.Student.Id, scenario.Course.Id, null, 2, 10, Ct)).Count);
    }

    [Fact]
    public async Task Opening_is_for_members_and_course_staff_read_only_AC2_6()
    {
        Assert.True((await Store.OpenAsync(scenario.Student.Id, scenario.Conversation.Id, Ct))!.CanWrite);
        Assert.Null(await Store.OpenAsync(scenario.Classmate.Id, scenario.Conversation.Id, Ct));
        Assert.Null(await Store.OpenAsync(scenario.Student.Id, Guid.NewGuid(), Ct));

        await using var db = Db.CreateContext();
        var instructorId = await db.Enrollments.Where(e => e.Role == CourseRole.Instructor).Select(e => e.UserId).SingleAsync(Ct);
        var asInstructor = await Store.OpenAsync(instructorId, scenario.Conversation.Id, Ct);
        Assert.NotNull(asInstructor);
        Assert.False(asInstructor.CanWrite);
        await Assert.ThrowsAsync<PlaygroundAccessDeniedException>(() => Store.RenameAsync(instructorId, scenario.Conversation.Id, "Mine now", Ct));
    }

    [Fact]
    public async Task Refusals_say_which_kind_a_conversation_gone_is_not_found_a_viewer_is_forbidden_decision_0010()
    {
        await using (var db = Db.CreateContext())
        {
            var instructorId = await db.Enrollments.Where(e => e.Role == CourseRole.Instructor).Select(e => e.UserId).SingleAsync(Ct);
            var viewer = await Assert.ThrowsAsync<PlaygroundAccessDeniedException>(() => Store.RenameAsync(instructorId, scenario.Conversation.Id, "Mine now", Ct));
            Assert.Equal(RefusalKind.Forbidden, viewer.Kind);
        }

        // Someone else's and a deleted one look alike: both are "gone".
        var stranger = await Assert.ThrowsAsync<PlaygroundAccessDeniedException>(() => Store.RenameAsync(scenario.Classmate.Id, scenario.Conversation.Id, "Mine", Ct));
        var missing = await Assert.ThrowsAsync<PlaygroundAccessDeniedException>(() => Store.RenameAsync(scenario.Student.Id, Guid.NewGuid(), "Gone", Ct));
        var deleted = await Assert.ThrowsAsync<PlaygroundAccessDeniedException>(() => Store.DeleteAsync(scenario.Student.Id, Guid.NewGuid(), Ct));
        Assert.All([stranger, missing, deleted], e => Assert.Equal((RefusalKind.NotFound, PlaygroundAccessDeniedException.GoneMessage), (e.Kind, e.Message)));
        Assert.IsAssignableFrom<RefusalException>(new PlaygroundLimitException("Slow down."));
        Assert.Equal(RefusalKind.Limit, new PlaygroundLimitException("Slow down.").Kind);
    }

    [Fact]
    public async Task Only_the_owner_deletes_and_deleting_removes_the_messages()
    {
        await scenario.SendAndWaitAsync("Hello", scenario.SwiftSettings());

        await Assert.ThrowsAsync<PlaygroundAccessDeniedException>(() => Store.DeleteAsync(scenario.Classmate.Id, scenario.Conversation.Id, Ct));
        await Store.DeleteAsync(scenario.Student.Id, scenario.Conversation.Id, Ct);

        await using var db = Db.CreateContext();
        Assert.False(await db.PlaygroundConversations.AnyAsync(c => c.Id == scenario.Conversation.Id, Ct));
        Assert.False(await db.PlaygroundMessages.AnyAsync(Ct));
    }
}

public sealed class ConversationStoreTestsOnSqlite : ConversationStoreTests<SqliteTestDatabase>;

public sealed class ConversationStoreTestsOnPostgres : ConversationStoreTests<PostgresTestDatabase>;
