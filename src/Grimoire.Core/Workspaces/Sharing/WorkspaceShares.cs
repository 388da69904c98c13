using Grimoire.Core.Courses;

namespace Grimoire.Core.Workspaces.Sharing;

/// <summary>One person in a workspace, as the share dialog and the conversation list show them.</summary>
public sealed record WorkspaceShareMember(Guid UserId, string DisplayName, WorkspacePermission Permission);

/// <summary>Someone enrolled in the workspace's course who is not in it yet: the roster the owner picks from.</summary>
public sealed record ShareCandidate(Guid UserId, string DisplayName, CourseRole Role);

/// <summary>
/// A workspace's people as <paramref name="ViewerId"/> may see them: the members (owner first), whether the viewer
/// may change them, and, when not, why (a sentence for the dialog).
/// </summary>
public sealed record WorkspaceShares(Guid WorkspaceId, Guid ViewerId, IReadOnlyList<WorkspaceShareMember> Members, bool CanManage, string? CannotManageReason)
{
    public bool IsShared => Members.Count > 1;
}

/// <summary>
/// A member's rights changed (invited, role changed, revoked: <see cref="Permission"/> null), told to that person's
/// open pages at once (AC8.6: revoking takes effect on open pages).
/// </summary>
public sealed record MembershipChanged(Guid WorkspaceId, Guid UserId, WorkspacePermission? Permission, string ChangedByName);
