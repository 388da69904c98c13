using Grimoire.Core.Courses;
using Grimoire.Core.Data;
using Grimoire.Core.Playground.Forking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Grimoire.Core.Playground.ClassShares;

public sealed partial class ClassShares
{
    /// <summary>
    /// Makes the copies <paramref name="studentId"/> is missing of the course's active shares: for a student enrolled
    /// after a share. Called when their conversation list is read (<see cref="ConversationStore.ListAsync"/>), the one
    /// place every student passes through, so no enrollment path (added by hand, pasted list, LTI launch or roster
    /// sync, anything added later) can forget it. Does nothing for staff or someone not enrolled. A copy the student
    /// deleted is not made again (its row stays).
    /// </summary>
    public async Task EnsureCopiesAsync(Guid studentId, Guid courseId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await courseAccess.GetRoleAsync(studentId, courseId, cancellationToken) != CourseRole.Student)
        {
            return;
        }

        var missing = await db.ClassShares.AsNoTracking()
            .Where(s => s.CourseId == courseId && s.WithdrawnAt == null && s.SnapshotConversationId != null
                && !s.Copies.Any(c => c.StudentId == studentId))
            .OrderBy(s => s.CreatedAt)
            .ToListAsync(cancellationToken);
        var made = 0;
        foreach (var share in missing)
        {
            made += await TryCopyAsync(share, studentId, cancellationToken) ? 1 : 0;
        }

        if (made > 0)
        {
            metrics.CopiesCreated(made, later: true);
            logger.LogInformation("{Count} class copies made for student {UserId} in course {CourseId}, enrolled after the share", made, studentId, courseId);
        }
    }

    /// <summary>The class copy <paramref name="conversationId"/> as its student sees it, or null when it is not one of their copies.</summary>
    public async Task<ClassShareCopyView?> DescribeCopyAsync(Guid userId, Guid conversationId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var found = await db.ClassShareCopies.AsNoTracking()
            .Where(c => c.ConversationId == conversationId && c.StudentId == userId)
            .Select(c => new
            {
                c.ClassShareId, SharedBy = c.ClassShare!.SharedBy!.DisplayName, c.ClassShare.Title, c.ClassShare.CreatedAt,
                Withdrawn = c.ClassShare.WithdrawnAt != null,
                Last = db.PlaygroundMessages.Where(m => m.ConversationId == conversationId).OrderByDescending(m => m.Sequence)
                    .Select(m => (Guid?)m.Id).FirstOrDefault(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        return found is null ? null : new ClassShareCopyView(found.ClassShareId, found.SharedBy, found.Title, found.CreatedAt, found.Last, found.Withdrawn);
    }

    /// <summary>
    /// Branches the student's class copy at <paramref name="messageId"/> (its last message when null) into a new
    /// conversation in a workspace of their own, which they then continue like any other (X2). Only the copy's
    /// student, still a student of the course.
    /// </summary>
    public async Task<ConversationFork> BranchAsync(Guid userId, Guid copyConversationId, Guid? messageId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var copy = await db.ClassShareCopies.AsNoTracking()
            .Where(c => c.ConversationId == copyConversationId).Select(c => new { c.StudentId, c.ClassShare!.CourseId })
            .SingleOrDefaultAsync(cancellationToken) ?? throw ClassShareRefusedException.Gone();
        if (copy.StudentId != userId || !await courseAccess.HasRoleAsync(userId, copy.CourseId, CourseRole.Student, cancellationToken))
        {
            throw ClassShareRefusedException.Forbidden(ClassShareRefusedException.NotYourCopy);
        }

        var at = await db.PlaygroundMessages.AsNoTracking()
            .Where(m => m.ConversationId == copyConversationId && (messageId == null || m.Id == messageId))
            .OrderByDescending(m => m.Sequence).Select(m => (Guid?)m.Id).FirstOrDefaultAsync(cancellationToken)
            ?? throw ClassShareRefusedException.Conflict(ClassShareRefusedException.NothingToShare);
        var fork = await forks.ForkIntoOwnWorkspaceAsync(userId, at, cancellationToken);
        metrics.Branched();
        return fork;
    }

    /// <summary>One student's copy of <paramref name="share"/>'s snapshot, saved in one transaction with its row; false when they already have one.</summary>
    private async Task<bool> TryCopyAsync(ClassShare share, Guid studentId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var snapshot = await db.PlaygroundConversations.AsNoTracking().SingleOrDefaultAsync(c => c.Id == share.SnapshotConversationId, cancellationToken);
        if (snapshot is null)
        {
            return false; // withdrawn meanwhile
        }

        var messages = await db.PlaygroundMessages.AsNoTracking()
            .Where(m => m.ConversationId == snapshot.Id).OrderBy(m => m.Sequence).ToListAsync(cancellationToken);
        var studentName = await db.Users.AsNoTracking().Where(u => u.Id == studentId).Select(u => u.DisplayName).SingleAsync(cancellationToken);
        var now = UtcDateTimeConverter.ToStored(time.GetUtcNow().UtcDateTime);
        var copy = NewCopy(share.CourseId, share.SharedByUserId, share.Title, snapshot.SystemPrompt, $"{studentName} · class copy", now, studentId);
        copy.UpdatedAt = share.CreatedAt; // listed by when it was shared, not by when this student's copy was made
        db.PlaygroundConversations.Add(copy);
        db.PlaygroundMessages.AddRange(messages.Select(m => m.CopyForBranch(copy.Id)));
        db.ClassShareCopies.Add(new ClassShareCopy { ClassShareId = share.Id, StudentId = studentId, ConversationId = copy.Id, CreatedAt = now });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            if (await HasCopyAsync(share.Id, studentId, cancellationToken))
            {
                return false; // another request (a second tab) made it first: the unique index kept one
            }

            throw;
        }
    }

    private async Task<bool> HasCopyAsync(Guid shareId, Guid studentId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.ClassShareCopies.AnyAsync(c => c.ClassShareId == shareId && c.StudentId == studentId, cancellationToken);
    }
}
