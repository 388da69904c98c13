using Grimoire.Core.Data;
using Grimoire.Core.Playground;
using Grimoire.Core.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace Grimoire.Core.Courses.Admin;

/// <summary>
/// Students' conversations in a course, for its tutors, instructors and site admins (AC2.6): a filtered, paged list
/// and a read-only view. Only conversations of the course named in the request are ever returned, so an id from
/// another course opens nothing.
/// </summary>
public sealed class CourseConversations(IDbContextFactory<GrimoireDbContext> contextFactory, CourseAdminAccess access)
{
    public const int MaxPageSize = 100;

    /// <summary>
    /// Conversations of the course not owned by its current staff (so students', including people who have left),
    /// most recently active first.
    /// </summary>
    public async Task<CourseConversationResults> ListAsync(
        Guid actorId, Guid courseId, CourseConversationFilter filter, int skip, int take, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await access.RequireReadAsync(actorId, courseId, cancellationToken);
        skip = Math.Max(0, skip);
        take = Math.Clamp(take, 1, MaxPageSize);

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        // Roles are stored as strings: compare by equality in SQL, never by order.
        var query = db.PlaygroundConversations.AsNoTracking()
            .Where(c => c.CourseId == courseId
                && !db.Enrollments.Any(e => e.CourseId == courseId && e.UserId == c.OwnerId
                    && (e.Role == CourseRole.Tutor || e.Role == CourseRole.Instructor)));
        if (filter.StudentId is { } studentId)
        {
            query = query.Where(c => c.OwnerId == studentId);
        }

        if (filter.ActiveFrom is { } from)
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(c => c.UpdatedAt >= start);
        }

        if (filter.ActiveTo is { } to)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(c => c.UpdatedAt < end);
        }

        if (!string.IsNullOrWhiteSpace(filter.ModelId))
        {
            var modelId = filter.ModelId.Trim();
            query = query.Where(c => c.Messages.Any(m => m.Model == modelId));
        }

        var total = await query.CountAsync(cancellationToken);
        var rows = await query
            .OrderByDescending(c => c.UpdatedAt).ThenByDescending(c => c.Id)
            .Skip(skip).Take(take)
            .Select(c => new CourseConversationRow(
                c.Id, c.Title, c.OwnerId, c.Owner!.DisplayName, c.Owner.Email, c.CreatedAt, c.UpdatedAt, c.Messages.Count))
            .ToListAsync(cancellationToken);
        return new CourseConversationResults(rows, total, skip, take);
    }

    /// <summary>The provider model ids that answered in this course's conversations, for the model filter.</summary>
    public async Task<IReadOnlyList<string>> ListModelsUsedAsync(Guid actorId, Guid courseId, CancellationToken cancellationToken)
    {
        await access.RequireReadAsync(actorId, courseId, cancellationToken);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.PlaygroundMessages.AsNoTracking()
            .Where(m => m.Conversation!.CourseId == courseId && m.Model != null)
            .Select(m => m.Model!)
            .Distinct()
            .OrderBy(m => m)
            .ToListAsync(cancellationToken);
    }

    /// <summary>The conversation with its messages, read-only; null when it is not a conversation of this course.</summary>
    /// <exception cref="CourseAccessDeniedException">The person is not staff of the course.</exception>
    public async Task<CourseConversationView?> OpenAsync(Guid actorId, Guid courseId, Guid conversationId, CancellationToken cancellationToken)
    {
        await access.RequireReadAsync(actorId, courseId, cancellationToken);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var conversation = await db.PlaygroundConversations.AsNoTracking()
            .Include(c => c.Owner)
            .Include(c => c.Course)
            .SingleOrDefaultAsync(c => c.Id == conversationId && c.CourseId == courseId, cancellationToken);
        if (conversation is null)
        {
            return null;
        }

        var messages = await db.PlaygroundMessages.AsNoTracking()
            .Where(m => m.ConversationId == conversationId)
            .OrderBy(m => m.Sequence)
            .ToListAsync(cancellationToken);
        var authorIds = messages.Where(m => m.AuthorUserId is not null).Select(m => m.AuthorUserId!.Value).Append(conversation.OwnerId).Distinct().ToList();
        var authorNames = await db.Users.AsNoTracking()
            .Where(u => authorIds.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var models = await db.CourseModelConfigs.AsNoTracking().Where(m => m.CourseId == courseId).ToListAsync(cancellationToken);

        return new CourseConversationView(
            new ConversationDetail(conversation, messages, WorkspacePermission.Viewer),
            conversation.Owner?.DisplayName ?? "Student",
            conversation.Course?.Code ?? "",
            authorNames,
            models);
    }
}
