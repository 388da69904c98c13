using Grimoire.Core.Access;
using Grimoire.Core.Courses;
using Grimoire.Core.Data;
using Grimoire.Core.Playground.Forking;
using Grimoire.Core.Playground.Live;
using Grimoire.Core.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Grimoire.Core.Playground.ClassShares;

/// <summary>
/// An instructor shares a conversation with the class (AC8.4): a snapshot of its messages is taken, and every student
/// of the course gets a read-only copy of it in a workspace of their own (they are its only member, as viewer), from
/// which they branch to continue on their own (<see cref="ConversationForks"/>). Students enrolled later get their copy
/// the next time their list is read (<see cref="EnsureCopiesAsync"/>): whichever way they were enrolled. Singleton.
/// </summary>
/// <remarks>
/// Sharing a conversation that is already shared replaces the share: the old one is withdrawn (as by
/// <see cref="UnshareAsync"/>) and a new snapshot goes out, so students see the conversation as it is now.
/// </remarks>
public sealed partial class ClassShares(
    IDbContextFactory<GrimoireDbContext> contextFactory,
    CourseAccess courseAccess,
    WorkspaceAccess workspaceAccess,
    ConversationForks forks,
    ILiveTurnHub hub,
    ClassShareMetrics metrics,
    TimeProvider time,
    ILogger<ClassShares> logger)
{
    /// <summary>
    /// Shares <paramref name="conversationId"/> with its course's students; returns the new share's status. Instructors
    /// of the course only (tutors read, they do not hand out material), who can read the conversation: their own, or a
    /// student's. Refused for an empty conversation, one with an answer still arriving, or an archived course.
    /// </summary>
    public async Task<ClassShareStatus> ShareAsync(Guid userId, Guid conversationId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var source = await RequireInstructorAsync(db, userId, conversationId, cancellationToken);
        if (await db.Courses.AnyAsync(c => c.Id == source.CourseId && c.IsArchived, cancellationToken))
        {
            throw ClassShareRefusedException.Forbidden(ClassShareRefusedException.CourseArchived);
        }

        var messages = await db.PlaygroundMessages.AsNoTracking()
            .Where(m => m.ConversationId == source.Id).OrderBy(m => m.Sequence).ToListAsync(cancellationToken);
        if (messages.Count == 0)
        {
            throw ClassShareRefusedException.Conflict(ClassShareRefusedException.NothingToShare);
        }

        var live = hub.Current(source.Id);
        if (messages.Any(m => m.Status == MessageStatus.Streaming || m.Id == live?.AssistantMessageId))
        {
            throw ClassShareRefusedException.Conflict(ClassShareRefusedException.StillArriving);
        }

        foreach (var previous in await db.ClassShares.Where(s => s.SourceConversationId == source.Id && s.WithdrawnAt == null).ToListAsync(cancellationToken))
        {
            await WithdrawAsync(db, previous, userId, cancellationToken);
        }

        var now = UtcDateTimeConverter.ToStored(time.GetUtcNow().UtcDateTime);
        var snapshot = NewCopy(source.CourseId, userId, source.Title, source.SystemPrompt, "Class share snapshot", now, member: null);
        var share = new ClassShare
        {
            CourseId = source.CourseId, SourceConversationId = source.Id, SnapshotConversationId = snapshot.Id,
            SharedByUserId = userId, Title = source.Title, CreatedAt = now,
        };
        db.PlaygroundConversations.Add(snapshot);
        db.PlaygroundMessages.AddRange(messages.Select(m => m.CopyForBranch(snapshot.Id)));
        db.ClassShares.Add(share);
        await db.SaveChangesAsync(cancellationToken);
        metrics.Shared();
        logger.LogInformation("Conversation {ConversationId} shared with course {CourseId} as class share {ShareId} by {UserId} ({Messages} messages)",
            source.Id, source.CourseId, share.Id, userId, messages.Count);

        var students = await db.Enrollments.AsNoTracking()
            .Where(e => e.CourseId == source.CourseId && e.Role == CourseRole.Student).Select(e => e.UserId).ToListAsync(cancellationToken);
        var made = 0;
        foreach (var student in students)
        {
            made += await TryCopyAsync(share, student, cancellationToken) ? 1 : 0;
        }

        metrics.CopiesCreated(made, later: false);
        return new ClassShareStatus(share.Id, share.CreatedAt, made);
    }

    /// <summary>
    /// Withdraws the conversation's share: the copies nobody branched are deleted, the copies a student branched stay
    /// (their branch is their own work and keeps its link), and students enrolled from now on get nothing.
    /// Instructors of the course only. Unsharing a conversation that is not shared changes nothing.
    /// </summary>
    public async Task UnshareAsync(Guid userId, Guid conversationId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var source = await RequireInstructorAsync(db, userId, conversationId, cancellationToken);
        foreach (var share in await db.ClassShares.Where(s => s.SourceConversationId == source.Id && s.WithdrawnAt == null).ToListAsync(cancellationToken))
        {
            await WithdrawAsync(db, share, userId, cancellationToken);
        }
    }

    /// <summary>The conversation's class share as an instructor of its course sees it, or null for anyone else (they get no button).</summary>
    public async Task<ClassShareStatus?> GetStatusAsync(Guid userId, Guid conversationId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var source = await db.PlaygroundConversations.AsNoTracking().SingleOrDefaultAsync(c => c.Id == conversationId, cancellationToken);
        if (source is null || await db.ClassShareCopies.AnyAsync(c => c.ConversationId == conversationId, cancellationToken)
            || !await courseAccess.HasRoleAsync(userId, source.CourseId, CourseRole.Instructor, cancellationToken)
            || await workspaceAccess.GetPermissionAsync(userId, source.WorkspaceId, cancellationToken) is null)
        {
            return null;
        }

        var share = await db.ClassShares.AsNoTracking()
            .Where(s => s.SourceConversationId == conversationId && s.WithdrawnAt == null)
            .Select(s => new { s.Id, s.CreatedAt, Copies = s.Copies.Count(c => c.ConversationId != null) })
            .FirstOrDefaultAsync(cancellationToken);
        return share is null ? new ClassShareStatus(null, null, 0) : new ClassShareStatus(share.Id, share.CreatedAt, share.Copies);
    }

    private async Task<PlaygroundConversation> RequireInstructorAsync(
        GrimoireDbContext db, Guid userId, Guid conversationId, CancellationToken cancellationToken)
    {
        var source = await db.PlaygroundConversations.AsNoTracking().SingleOrDefaultAsync(c => c.Id == conversationId, cancellationToken);
        if (source is null || await workspaceAccess.GetPermissionAsync(userId, source.WorkspaceId, cancellationToken) is null)
        {
            throw ClassShareRefusedException.Gone();
        }

        if (!await courseAccess.HasRoleAsync(userId, source.CourseId, CourseRole.Instructor, cancellationToken))
        {
            throw ClassShareRefusedException.Forbidden(ClassShareRefusedException.OnlyInstructors);
        }

        if (await db.ClassShareCopies.AnyAsync(c => c.ConversationId == conversationId, cancellationToken)
            || await db.ClassShares.AnyAsync(s => s.SnapshotConversationId == conversationId, cancellationToken))
        {
            throw ClassShareRefusedException.Forbidden("This is a class copy: share the original conversation instead.");
        }

        return source;
    }

    private async Task WithdrawAsync(GrimoireDbContext db, ClassShare share, Guid userId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var unbranched = await db.ClassShareCopies
            .Where(c => c.ClassShareId == share.Id
                && !db.PlaygroundConversations.Any(b => c.ConversationId != null && b.ForkedFromConversationId == c.ConversationId))
            .Select(c => new { c.Id, c.ConversationId })
            .ToListAsync(cancellationToken);
        var gone = unbranched.Where(c => c.ConversationId is not null).Select(c => c.ConversationId!.Value).ToList();
        if (share.SnapshotConversationId is { } snapshotId)
        {
            gone.Add(snapshotId);
        }

        // Each copy lives alone in its workspace: deleting the workspace deletes the copy, its messages and its member.
        var workspaces = await db.PlaygroundConversations.Where(c => gone.Contains(c.Id)).Select(c => c.WorkspaceId).ToListAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var copyIds = unbranched.Select(c => c.Id).ToList();
        await db.ClassShareCopies.Where(c => copyIds.Contains(c.Id)).ExecuteDeleteAsync(cancellationToken);
        share.WithdrawnAt = now;
        share.SnapshotConversationId = null;
        await db.SaveChangesAsync(cancellationToken);
        await db.Workspaces.Where(w => workspaces.Contains(w.Id)).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var removed = unbranched.Count(c => c.ConversationId is not null);
        metrics.Withdrawn();
        metrics.CopiesRemoved(removed);
        logger.LogInformation("Class share {ShareId} of conversation {ConversationId} withdrawn by {UserId}: {Removed} unbranched copies removed",
            share.Id, share.SourceConversationId, userId, removed);
    }

    /// <summary>A conversation in a new workspace of its own, with <paramref name="member"/> as its only (viewer) member, or none.</summary>
    private static PlaygroundConversation NewCopy(
        Guid courseId, Guid ownerId, string title, string systemPrompt, string workspaceTitle, DateTime now, Guid? member)
    {
        var workspace = new Workspace { Title = workspaceTitle, CourseId = courseId, CreatedAt = now, UpdatedAt = now };
        if (member is { } viewer)
        {
            workspace.Members.Add(new WorkspaceMember { UserId = viewer, Permission = WorkspacePermission.Viewer, CreatedAt = now });
        }

        return new PlaygroundConversation
        {
            Workspace = workspace, CourseId = courseId, OwnerId = ownerId, Title = title, SystemPrompt = systemPrompt,
            CreatedAt = now, UpdatedAt = now,
        };
    }
}
