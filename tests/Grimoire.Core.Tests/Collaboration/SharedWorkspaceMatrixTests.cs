using Grimoire.Core.Annotation;
using Grimoire.Core.Playground;
using Grimoire.Core.Playground.Editing;
using Grimoire.Core.Playground.Turns;
using Grimoire.Core.Refusals;
using Grimoire.Core.Tests.Infrastructure;
using Grimoire.Core.Workspaces;
using Grimoire.Core.Workspaces.Sharing;

namespace Grimoire.Core.Tests.Collaboration;

/// <summary>
/// The ACL of a shared workspace (AC8.1, AC8.6, docs/access-matrix.md): owner, editor, viewer, course staff, another
/// student, a revoked member and an unenrolled member, each trying every action through the services themselves.
/// Each refusal is checked to change nothing; each allowed change to change something.
/// </summary>
public abstract class SharedWorkspaceMatrixTests<TDatabase> : DatabaseTest<TDatabase> where TDatabase : TestDatabase, new()
{
    private static readonly Member[] Everyone = Enum.GetValues<Member>();

    private SharedWorkspaceWorld world = default!;

    public override async Task InitializeAsync()
    {
        Db.Settings["Grimoire:Playground:TurnsPerMinute"] = "600";
        Db.Settings["Grimoire:Playground:TurnBurst"] = "100";
        await base.InitializeAsync();
        world = new SharedWorkspaceWorld(Db);
        await world.SetUpAsync();
    }

    [Fact]
    public async Task AC8_1_AC8_6_read_owner_and_editor_write_viewer_and_staff_read_only_the_rest_see_nothing()
    {
        var store = Db.Get<ConversationStore>();
        var expected = new Dictionary<Member, WorkspacePermission?>
        {
            [Member.Owner] = WorkspacePermission.Owner, [Member.Editor] = WorkspacePermission.Editor,
            [Member.Viewer] = WorkspacePermission.Viewer, [Member.CourseStaff] = WorkspacePermission.Viewer,
            [Member.AnotherStudent] = null, [Member.Revoked] = null, [Member.Unenrolled] = null,
        };
        foreach (var member in Everyone)
        {
            var detail = await store.OpenAsync(world[member].Id, world.Conversation.Id, Ct);
            Assert.True(expected[member] == detail?.Permission, $"{member}: expected {expected[member]}, got {detail?.Permission}");
            Assert.Equal(detail is null ? null : "Alex asks first", detail?.Messages[0].Content);
        }
    }

    [Fact]
    public async Task AC8_1_the_members_see_the_conversation_in_their_list_marked_shared_with_who_is_in_it()
    {
        var store = Db.Get<ConversationStore>();
        foreach (var member in Everyone)
        {
            var list = await store.ListAsync(world[member].Id, world.Scenario.Course.Id, null, 0, 50, Ct);
            var listed = list.SingleOrDefault(c => c.Id == world.Conversation.Id);
            var shouldList = member is Member.Owner or Member.Editor or Member.Viewer; // staff read through the course pages
            Assert.True(shouldList == (listed is not null), $"{member}: listed {listed is not null}");
            if (listed is not null)
            {
                Assert.True(listed.IsShared);
                // Owner first; the unenrolled editor's row stays (re-enrolling restores it), the revoked one is gone.
                Assert.Equal(["Alex Rivera", "Priya Sharma", "Ugo Test", "Vera Test"], listed.SharedWith);
            }
        }
    }

    [Fact]
    public async Task AC8_6_post_only_owner_and_editor_and_a_refusal_stores_nothing()
    {
        var runner = Db.Get<TurnRunner>();
        foreach (var member in Everyone)
        {
            var before = (await world.Scenario.MessagesAsync()).Count;
            var call = runner.StartAsync(world[member].Id, world.Conversation.Id, $"{member} writes", "Be brief.", world.Scenario.SwiftSettings(), Ct);
            if (member is Member.Owner or Member.Editor)
            {
                await call;
                await world.Scenario.WaitForTurnAsync();
                Assert.Equal(before + 2, (await world.Scenario.MessagesAsync()).Count);
            }
            else
            {
                await call.RefusedAsync();
                Assert.Equal(before, (await world.Scenario.MessagesAsync()).Count);
            }
        }
    }

    [Fact]
    public async Task AC8_6_edit_only_owner_and_editor()
    {
        var editor = Db.Get<MessageEditor>();
        var question = (await world.Scenario.MessagesAsync())[0];
        foreach (var member in Everyone)
        {
            var before = await world.ContentAsync(0);
            var call = editor.EditAsync(world[member].Id, question.Id, $"Edited by {member}", Ct);
            if (member is Member.Owner or Member.Editor)
            {
                var edit = await call;
                Assert.True(edit.Changed);
                Assert.Equal($"Edited by {member}", await world.ContentAsync(0));
                Assert.Equal(world[member].Id, edit.Message.EditedByUserId);
            }
            else
            {
                await call.RefusedAsync();
                Assert.Equal(before, await world.ContentAsync(0));
            }
        }
    }

    [Fact]
    public async Task AC8_6_delete_only_the_owner()
    {
        var store = Db.Get<ConversationStore>();
        foreach (var member in Everyone.Where(m => m != Member.Owner))
        {
            await store.DeleteAsync(world[member].Id, world.Conversation.Id, Ct).RefusedAsync();
            Assert.NotNull(await store.OpenAsync(world[Member.Owner].Id, world.Conversation.Id, Ct));
        }

        await store.DeleteAsync(world[Member.Owner].Id, world.Conversation.Id, Ct);
        Assert.Null(await store.OpenAsync(world[Member.Owner].Id, world.Conversation.Id, Ct));
    }

    [Fact]
    public async Task AC8_1_AC8_6_share_change_and_revoke_only_the_owner()
    {
        var sharing = Db.Get<WorkspaceSharing>();
        var workspace = world.Conversation.WorkspaceId;
        foreach (var member in Everyone)
        {
            var invitee = await world.StudentAsync($"New{member}", $"new.{member.ToString().ToLowerInvariant()}@uni.test");
            var before = await world.MemberCountAsync();
            var invite = sharing.InviteAsync(world[member].Id, workspace, invitee.Id, WorkspacePermission.Viewer, Ct);
            var change = sharing.ChangeRoleAsync(world[member].Id, workspace, world[Member.Viewer].Id, WorkspacePermission.Viewer, Ct);
            if (member == Member.Owner)
            {
                await invite;
                await change;
                Assert.Equal(before + 1, await world.MemberCountAsync());
            }
            else
            {
                await invite.RefusedAsync();
                await sharing.RevokeAsync(world[member].Id, workspace, world[Member.Viewer].Id, Ct).RefusedAsync();
                await change.RefusedAsync();
                Assert.Equal(before, await world.MemberCountAsync());
            }
        }
    }

    [Fact]
    public async Task AC8_6_annotation_reads_follow_the_workspace_acl()
    {
        var access = Db.Get<AnnotationAccess>();
        foreach (var member in Everyone)
        {
            var rights = await access.RightsAsync(world[member].Id, world.Conversation.WorkspaceId, Ct);
            var reads = member is Member.Owner or Member.Editor or Member.Viewer or Member.CourseStaff;
            Assert.True(reads == rights.CanRead, $"{member}: CanRead {rights.CanRead}");
            Assert.True((member is Member.Owner or Member.Editor) == rights.CanAnnotate, $"{member}: CanAnnotate {rights.CanAnnotate}");
        }
    }

    [Fact]
    public async Task AC8_1_an_invitation_by_address_finds_only_people_enrolled_in_the_course()
    {
        var sharing = Db.Get<WorkspaceSharing>();
        var before = await world.MemberCountAsync();

        var unknown = await sharing.InviteByEmailAsync(world[Member.Owner].Id, world.Conversation.WorkspaceId, "stranger@uni.test", WorkspacePermission.Editor, Ct).RefusedAsync();
        var unenrolled = await sharing.InviteByEmailAsync(world[Member.Owner].Id, world.Conversation.WorkspaceId, "ugo.gone@uni.test", WorkspacePermission.Editor, Ct).RefusedAsync();

        Assert.Equal(WorkspaceSharing.NotEnrolled, unknown.Message);
        Assert.Equal(WorkspaceSharing.NotEnrolled, unenrolled.Message);
        Assert.Equal(before, await world.MemberCountAsync());
        var candidates = await sharing.ListCandidatesAsync(world[Member.Owner].Id, world.Conversation.WorkspaceId, Ct);
        Assert.Contains(candidates, c => c.UserId == world[Member.AnotherStudent].Id);
        Assert.DoesNotContain(candidates, c => c.UserId == world[Member.Editor].Id || c.UserId == world[Member.Unenrolled].Id);
    }

    [Fact]
    public async Task AC8_1_a_course_that_does_not_allow_students_to_share_refuses_the_invitation()
    {
        await world.DisallowStudentSharingAsync();
        var before = await world.MemberCountAsync();

        var refused = await Db.Get<WorkspaceSharing>()
            .InviteAsync(world[Member.Owner].Id, world.Conversation.WorkspaceId, world[Member.AnotherStudent].Id, WorkspacePermission.Editor, Ct).RefusedAsync();

        Assert.Equal(WorkspaceSharing.NotAllowedInCourse, refused.Message);
        Assert.Equal(RefusalKind.Forbidden, refused.Kind);
        Assert.Equal(before, await world.MemberCountAsync());
    }

    [Fact]
    public async Task AC8_6_revoking_tells_the_member_at_once()
    {
        var heard = new List<MembershipChanged>();
        using var listening = Db.Get<WorkspaceMembershipSignals>().Subscribe(world[Member.Editor].Id, heard.Add);

        await Db.Get<WorkspaceSharing>().RevokeAsync(world[Member.Owner].Id, world.Conversation.WorkspaceId, world[Member.Editor].Id, Ct);

        var change = Assert.Single(heard);
        Assert.Equal((world.Conversation.WorkspaceId, (WorkspacePermission?)null, "Alex Rivera"), (change.WorkspaceId, change.Permission, change.ChangedByName));
        Assert.Null(await Db.Get<ConversationStore>().OpenAsync(world[Member.Editor].Id, world.Conversation.Id, Ct));
    }
}

public sealed class SharedWorkspaceMatrixTestsOnSqlite : SharedWorkspaceMatrixTests<SqliteTestDatabase>;

public sealed class SharedWorkspaceMatrixTestsOnPostgres : SharedWorkspaceMatrixTests<PostgresTestDatabase>;
