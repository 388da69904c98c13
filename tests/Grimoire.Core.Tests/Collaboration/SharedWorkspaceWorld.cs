using Grimoire.Core.Accounts;
using Grimoire.Core.Courses;
using Grimoire.Core.Playground;
using Grimoire.Core.Tests.Infrastructure;
using Grimoire.Core.Tests.Playground;
using Grimoire.Core.Workspaces;
using Grimoire.Core.Workspaces.Sharing;
using Microsoft.EntityFrameworkCore;

namespace Grimoire.Core.Tests.Collaboration;

/// <summary>Who reaches for a shared workspace (issue 12 tests): every kind of person the ACL must tell apart.</summary>
public enum Member
{
    Owner,
    Editor,
    Viewer,
    CourseStaff,
    AnotherStudent,
    Revoked,
    Unenrolled,
}

/// <summary>
/// Alex's conversation shared through <see cref="WorkspaceSharing"/> itself: Priya as editor, a viewer, a member
/// invited then revoked, and an editor who was unenrolled from the course afterwards (their member row stays). The
/// course's instructor is staff; another student of the course is in nothing.
/// </summary>
public sealed class SharedWorkspaceWorld(TestDatabase db)
{
    private readonly Dictionary<Member, User> people = [];

    public PlaygroundScenario Scenario { get; } = new(db);

    public PlaygroundConversation Conversation => Scenario.Conversation;

    public User this[Member member] => people[member];

    public async Task SetUpAsync()
    {
        await Scenario.SetUpAsync();
        people[Member.Owner] = Scenario.Student;
        people[Member.Editor] = Scenario.Classmate;
        people[Member.CourseStaff] = Scenario.Instructor;
        people[Member.Viewer] = await StudentAsync("Vera", "vera.viewer@uni.test");
        people[Member.AnotherStudent] = await StudentAsync("Arno", "arno.other@uni.test");
        people[Member.Revoked] = await StudentAsync("Rita", "rita.revoked@uni.test");
        people[Member.Unenrolled] = await StudentAsync("Ugo", "ugo.gone@uni.test");

        var sharing = db.Get<WorkspaceSharing>();
        var owner = this[Member.Owner].Id;
        var workspace = Conversation.WorkspaceId;
        await sharing.InviteAsync(owner, workspace, this[Member.Editor].Id, WorkspacePermission.Editor, CancellationToken.None);
        await sharing.InviteByEmailAsync(owner, workspace, " Vera.Viewer@uni.test ", WorkspacePermission.Viewer, CancellationToken.None);
        await sharing.InviteAsync(owner, workspace, this[Member.Revoked].Id, WorkspacePermission.Editor, CancellationToken.None);
        await sharing.RevokeAsync(owner, workspace, this[Member.Revoked].Id, CancellationToken.None);
        await sharing.InviteAsync(owner, workspace, this[Member.Unenrolled].Id, WorkspacePermission.Editor, CancellationToken.None);
        await using var context = db.CreateContext();
        await context.Enrollments.Where(e => e.UserId == this[Member.Unenrolled].Id).ExecuteDeleteAsync();
        context.PlaygroundMessages.Add(PlaygroundMessage.Question(Conversation.Id, 0, "Alex asks first", owner, DateTime.UtcNow));
        await context.SaveChangesAsync();
    }

    /// <summary>A new student of the course (enrolled, in no workspace).</summary>
    public async Task<User> StudentAsync(string firstName, string email)
    {
        await using var context = db.CreateContext();
        var user = new User { Email = email, DisplayName = $"{firstName} Test", FirstName = firstName };
        context.Enrollments.Add(new Enrollment { User = user, CourseId = Scenario.Course.Id, Role = CourseRole.Student });
        await context.SaveChangesAsync();
        return user;
    }

    public async Task DisallowStudentSharingAsync()
    {
        await using var context = db.CreateContext();
        await context.Courses.Where(c => c.Id == Scenario.Course.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.StudentsMayShareWorkspaces, false));
    }

    public async Task<int> MemberCountAsync()
    {
        await using var context = db.CreateContext();
        return await context.WorkspaceMembers.CountAsync(m => m.WorkspaceId == Conversation.WorkspaceId);
    }

    public async Task<string> ContentAsync(int sequence)
    {
        await using var context = db.CreateContext();
        return await context.PlaygroundMessages.Where(m => m.ConversationId == Conversation.Id && m.Sequence == sequence)
            .Select(m => m.Content).SingleAsync();
    }
}
