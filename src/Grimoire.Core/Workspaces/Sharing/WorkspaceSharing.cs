using Grimoire.Core.Access;
using Grimoire.Core.Courses;
using Grimoire.Core.Data;
using Grimoire.Core.Playground;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Grimoire.Core.Workspaces.Sharing;

/// <summary>
/// Who is in a workspace besides its owner (AC8.1, AC8.6): the owner invites people enrolled in the course as
/// editor or viewer (picked from the roster, or by an e-mail address that must be an enrolled person's), changes
/// their role or revokes it. Rights are read through <see cref="WorkspaceAccess"/> only; each change is told to the
/// person's open pages through <see cref="WorkspaceMembershipSignals"/>. Students share only where the course allows
/// it (<see cref="Course.StudentsMayShareWorkspaces"/>). Singleton.
/// </summary>
public sealed class WorkspaceSharing(
    IDbContextFactory<GrimoireDbContext> contextFactory,
    WorkspaceAccess workspaceAccess,
    WorkspaceMembershipSignals signals,
    PlaygroundRefusals refusals,
    TimeProvider time,
    ILogger<WorkspaceSharing> logger)
{
    public const string NotYours = "Only the owner of this conversation can share it.";

    public const string NotAllowedInCourse = "Your instructor has not allowed students to share conversations in this course.";

    public const string CourseArchived = "This course is archived: its conversations can no longer be shared.";

    public const string NotEnrolled = "No one with that address is enrolled in this course.";

    public const string AlreadyIn = "They are already in this conversation. Change their role instead.";

    public const string NotAMember = "They are no longer in this conversation.";

    public const string OwnerStays = "The owner's own access can't be changed.";

    public const string RoleNeeded = "Pick editor or viewer.";

    /// <summary>The workspace's members as <paramref name="userId"/> may see them (any reader); null when they may not read it.</summary>
    public async Task<WorkspaceShares?> GetAsync(Guid userId, Guid workspaceId, CancellationToken cancellationToken)
    {
        if (await workspaceAccess.GetPermissionAsync(userId, workspaceId, cancellationToken) is not { } permission)
        {
            return null;
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var members = await db.WorkspaceMembers.AsNoTracking()
            .Where(m => m.WorkspaceId == workspaceId)
            .Select(m => new WorkspaceShareMember(m.UserId, m.User!.DisplayName, m.Permission))
            .ToListAsync(cancellationToken);
        var ordered = members.OrderByDescending(m => m.Permission == WorkspacePermission.Owner)
            .ThenBy(m => m.DisplayName, StringComparer.CurrentCulture).ToList();
        var reason = permission < WorkspacePermission.Owner ? NotYours : await ShareRefusalAsync(db, userId, workspaceId, cancellationToken);
        return new WorkspaceShares(workspaceId, userId, ordered, reason is null, reason);
    }

    /// <summary>The people of the course who could be invited (enrolled, not in the workspace), by name; owners only.</summary>
    public async Task<IReadOnlyList<ShareCandidate>> ListCandidatesAsync(Guid ownerId, Guid workspaceId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var courseId = await RequireManagerAsync(db, ownerId, workspaceId, cancellationToken);
        var people = await db.Enrollments.AsNoTracking()
            .Where(e => e.CourseId == courseId && !db.WorkspaceMembers.Any(m => m.WorkspaceId == workspaceId && m.UserId == e.UserId))
            .Select(e => new ShareCandidate(e.UserId, e.User!.DisplayName, e.Role))
            .ToListAsync(cancellationToken);
        return [.. people.OrderBy(p => p.DisplayName, StringComparer.CurrentCulture)];
    }

    /// <summary>Adds an enrolled person of the course as <paramref name="permission"/> (editor or viewer).</summary>
    public async Task InviteAsync(Guid ownerId, Guid workspaceId, Guid inviteeId, WorkspacePermission permission, CancellationToken cancellationToken)
    {
        RequireRole(permission);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var courseId = await RequireManagerAsync(db, ownerId, workspaceId, cancellationToken);
        if (!await db.Enrollments.AnyAsync(e => e.CourseId == courseId && e.UserId == inviteeId, cancellationToken))
        {
            throw PlaygroundRefusedException.Invalid(NotEnrolled);
        }

        if (await db.WorkspaceMembers.AnyAsync(m => m.WorkspaceId == workspaceId && m.UserId == inviteeId, cancellationToken))
        {
            throw PlaygroundRefusedException.Conflict(AlreadyIn);
        }

        db.WorkspaceMembers.Add(new WorkspaceMember
        {
            WorkspaceId = workspaceId, UserId = inviteeId, Permission = permission, CreatedAt = time.GetUtcNow().UtcDateTime,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            throw PlaygroundRefusedException.Conflict(AlreadyIn); // invited twice at once: the unique index kept one
        }

        await AnnounceAsync(db, ownerId, workspaceId, inviteeId, permission, "invited", cancellationToken);
    }

    /// <summary>
    /// Invites by e-mail address: only a person enrolled in the workspace's course is found (an address of anyone
    /// else is refused with the same sentence as an unknown one, so the box tells nothing about other courses).
    /// </summary>
    public async Task InviteByEmailAsync(Guid ownerId, Guid workspaceId, string email, WorkspacePermission permission, CancellationToken cancellationToken)
    {
        var address = (email ?? "").Trim().ToLowerInvariant();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var courseId = await RequireManagerAsync(db, ownerId, workspaceId, cancellationToken);
        var inviteeId = await db.Enrollments.AsNoTracking()
            .Where(e => e.CourseId == courseId && e.User!.Email == address)
            .Select(e => (Guid?)e.UserId)
            .FirstOrDefaultAsync(cancellationToken);
        if (address.Length == 0 || inviteeId is null)
        {
            throw PlaygroundRefusedException.Invalid(NotEnrolled);
        }

        await InviteAsync(ownerId, workspaceId, inviteeId.Value, permission, cancellationToken);
    }

    /// <summary>Makes a member an editor or a viewer.</summary>
    public async Task ChangeRoleAsync(Guid ownerId, Guid workspaceId, Guid memberId, WorkspacePermission permission, CancellationToken cancellationToken)
    {
        RequireRole(permission);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await RequireOwnerAsync(ownerId, workspaceId, cancellationToken);
        var member = await FindMemberAsync(db, workspaceId, memberId, cancellationToken);
        if (member.Permission == permission)
        {
            return;
        }

        member.Permission = permission;
        await db.SaveChangesAsync(cancellationToken);
        await AnnounceAsync(db, ownerId, workspaceId, memberId, permission, "role changed", cancellationToken);
    }

    /// <summary>Removes a member: from now on every read and write of theirs is refused, and their open pages leave.</summary>
    public async Task RevokeAsync(Guid ownerId, Guid workspaceId, Guid memberId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await RequireOwnerAsync(ownerId, workspaceId, cancellationToken);
        var member = await FindMemberAsync(db, workspaceId, memberId, cancellationToken);
        db.WorkspaceMembers.Remove(member);
        await db.SaveChangesAsync(cancellationToken);
        await AnnounceAsync(db, ownerId, workspaceId, memberId, null, "revoked", cancellationToken);
    }

    private static void RequireRole(WorkspacePermission permission)
    {
        if (permission is not (WorkspacePermission.Editor or WorkspacePermission.Viewer))
        {
            throw PlaygroundRefusedException.Invalid(RoleNeeded);
        }
    }

    /// <summary>The workspace's course when <paramref name="userId"/> may invite into it now; otherwise refused.</summary>
    private async Task<Guid> RequireManagerAsync(GrimoireDbContext db, Guid userId, Guid workspaceId, CancellationToken cancellationToken)
    {
        await RequireOwnerAsync(userId, workspaceId, cancellationToken);
        if (await ShareRefusalAsync(db, userId, workspaceId, cancellationToken) is { } refusal)
        {
            throw PlaygroundRefusedException.Forbidden(refusal);
        }

        return await db.Workspaces.Where(w => w.Id == workspaceId).Select(w => w.CourseId).SingleAsync(cancellationToken);
    }

    private async Task RequireOwnerAsync(Guid userId, Guid workspaceId, CancellationToken cancellationToken)
    {
        if (!await workspaceAccess.HasPermissionAsync(userId, workspaceId, WorkspacePermission.Owner, cancellationToken))
        {
            refusals.Record("share_not_owner", userId);
            throw PlaygroundRefusedException.Forbidden(NotYours);
        }
    }

    /// <summary>Why an owner may not invite now (archived course, or a student where the course does not allow it), or null.</summary>
    private static async Task<string?> ShareRefusalAsync(GrimoireDbContext db, Guid userId, Guid workspaceId, CancellationToken cancellationToken)
    {
        var facts = await db.Workspaces.AsNoTracking().Where(w => w.Id == workspaceId)
            .Select(w => new
            {
                w.Course!.IsArchived,
                w.Course.StudentsMayShareWorkspaces,
                IsStudent = db.Enrollments.Any(e => e.CourseId == w.CourseId && e.UserId == userId && e.Role == CourseRole.Student),
            })
            .SingleAsync(cancellationToken);
        return facts.IsArchived ? CourseArchived
            : facts.IsStudent && !facts.StudentsMayShareWorkspaces ? NotAllowedInCourse
            : null;
    }

    private static async Task<WorkspaceMember> FindMemberAsync(GrimoireDbContext db, Guid workspaceId, Guid memberId, CancellationToken cancellationToken)
    {
        var member = await db.WorkspaceMembers.SingleOrDefaultAsync(m => m.WorkspaceId == workspaceId && m.UserId == memberId, cancellationToken)
            ?? throw PlaygroundRefusedException.Conflict(NotAMember);
        return member.Permission == WorkspacePermission.Owner ? throw PlaygroundRefusedException.Invalid(OwnerStays) : member;
    }

    private async Task AnnounceAsync(
        GrimoireDbContext db, Guid ownerId, Guid workspaceId, Guid memberId, WorkspacePermission? permission, string what, CancellationToken cancellationToken)
    {
        var byName = await db.Users.AsNoTracking().Where(u => u.Id == ownerId).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken) ?? "The owner";
        logger.LogInformation("Workspace {WorkspaceId}: member {MemberId} {What} by {OwnerId} ({Permission})",
            workspaceId, memberId, what, ownerId, permission?.ToString() ?? "none");
        signals.Publish(new MembershipChanged(workspaceId, memberId, permission, byName));
    }
}
