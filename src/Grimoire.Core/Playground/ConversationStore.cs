using Grimoire.Core.Access;
using Grimoire.Core.Courses;
using Grimoire.Core.Data;
using Grimoire.Core.Playground.Forking;
using Grimoire.Core.Playground.Turns;
using Grimoire.Core.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace Grimoire.Core.Playground;

/// <summary>
/// Conversations as a student meets them: created with their own workspace (AC4.5), listed newest first a page at
/// a time (AC4.2), opened with their messages (AC4.1). Every call checks access through <see cref="WorkspaceAccess"/>.
/// </summary>
public sealed class ConversationStore(
    IDbContextFactory<GrimoireDbContext> contextFactory,
    CourseAccess courseAccess,
    WorkspaceAccess workspaceAccess,
    ConversationForks forks,
    ConversationRateLimiter creationLimiter,
    PlaygroundLimits limits,
    PlaygroundRefusals refusals,
    ConversationDeletions deletions,
    ClassShares.ClassShares classShares,
    TimeProvider time)
{
    public const string DefaultTitle = "New conversation";

    /// <summary>
    /// A new, empty conversation of <paramref name="userId"/> in the course, in a workspace of its own (AC4.5).
    /// Throws <see cref="PlaygroundAccessDeniedException"/> for someone who is not a student of the active course, and
    /// <see cref="PlaygroundLimitException"/> (a sentence for the student) when they start conversations faster than
    /// <see cref="PlaygroundOptions.ConversationsPerMinute"/>.
    /// </summary>
    public async Task<PlaygroundConversation> CreateAsync(Guid userId, Guid courseId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var course = await db.Courses.AsNoTracking().SingleOrDefaultAsync(c => c.Id == courseId, cancellationToken);
        if (course is null || course.IsArchived || !await courseAccess.HasRoleAsync(userId, courseId, CourseRole.Student, cancellationToken))
        {
            throw new PlaygroundAccessDeniedException("You are not enrolled in an active course with that id.");
        }

        if (creationLimiter.TryAcquire(userId) is { } slowDown)
        {
            refusals.Record(RefusalReasons.ConversationRate, userId);
            throw new PlaygroundLimitException(slowDown);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var owner = await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId, cancellationToken);
        var workspace = new Workspace { Title = $"{owner.DisplayName} · {course.Code}", CourseId = courseId, CreatedAt = now, UpdatedAt = now };
        workspace.Members.Add(new WorkspaceMember { UserId = userId, Permission = WorkspacePermission.Owner, CreatedAt = now });
        var conversation = new PlaygroundConversation
        {
            Workspace = workspace,
            CourseId = courseId,
            OwnerId = userId,
            Title = DefaultTitle,
            SystemPrompt = course.DefaultSystemPrompt,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.PlaygroundConversations.Add(conversation);
        await db.SaveChangesAsync(cancellationToken);
        return conversation;
    }

    /// <summary>The conversations in the course whose workspace the person belongs to, newest first (AC8.1).</summary>
    public async Task<IReadOnlyList<ConversationSummary>> ListAsync(
        Guid userId, Guid courseId, string? titleSearch, int skip, int take, CancellationToken cancellationToken)
    {
        if (skip == 0)
        {
            await classShares.EnsureCopiesAsync(userId, courseId, cancellationToken); // shared before they were enrolled (AC8.4)
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var workspaces = WorkspaceAccess.MemberWorkspaceIds(db, userId, courseId);
        var query = db.PlaygroundConversations.AsNoTracking()
            .Where(c => c.CourseId == courseId && workspaces.Contains(c.WorkspaceId));
        if (!string.IsNullOrWhiteSpace(titleSearch))
        {
            var pattern = $"%{titleSearch.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal)}%";
            var lowered = pattern.ToLowerInvariant();
#pragma warning disable CA1304, CA1311 // Translated to SQL lower(): case-insensitive on both databases.
            query = query.Where(c => EF.Functions.Like(c.Title.ToLower(), lowered, "\\"));
#pragma warning restore CA1304, CA1311
        }

        var page = await query
            .OrderByDescending(c => c.UpdatedAt)
            .Skip(skip).Take(take)
            .Select(c => new
            {
                Summary = new ConversationSummary(c.Id, c.CourseId, c.Course!.Code, c.Title, c.UpdatedAt, c.Messages.Count)
                {
                    SharedBy = db.ClassShareCopies.Where(s => s.ConversationId == c.Id).Select(s => s.ClassShare!.SharedBy!.DisplayName).FirstOrDefault(),
                },
                c.WorkspaceId,
            })
            .ToListAsync(cancellationToken);
        var ids = page.Select(p => p.WorkspaceId).Distinct().ToList();
        var members = (await db.WorkspaceMembers.AsNoTracking()
                .Where(m => ids.Contains(m.WorkspaceId))
                .Select(m => new { m.WorkspaceId, m.Permission, m.User!.DisplayName })
                .ToListAsync(cancellationToken))
            .GroupBy(m => m.WorkspaceId)
            .Where(g => g.Count() > 1)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.OrderByDescending(m => m.Permission == WorkspacePermission.Owner).ThenBy(m => m.DisplayName, StringComparer.CurrentCulture).Select(m => m.DisplayName)]);
        return [.. page.Select(p => members.TryGetValue(p.WorkspaceId, out var names) ? p.Summary with { SharedWith = names } : p.Summary)];
    }

    /// <summary>
    /// The conversation and its messages in order, with its branch links (X2), or null when it does not exist or is
    /// not the person's to see.
    /// </summary>
    public async Task<ConversationDetail?> OpenAsync(Guid userId, Guid conversationId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var conversation = await db.PlaygroundConversations.AsNoTracking().SingleOrDefaultAsync(c => c.Id == conversationId, cancellationToken);
        if (conversation is null
            || await workspaceAccess.GetPermissionAsync(userId, conversation.WorkspaceId, cancellationToken) is not { } permission)
        {
            return null;
        }

        var messages = await db.PlaygroundMessages.AsNoTracking()
            .Where(m => m.ConversationId == conversationId)
            .OrderBy(m => m.Sequence)
            .ToListAsync(cancellationToken);
        return new ConversationDetail(conversation, messages, permission)
        {
            Forks = await forks.LoadLinksAsync(db, userId, conversation, cancellationToken),
        };
    }

    public Task RenameAsync(Guid userId, Guid conversationId, string title, CancellationToken cancellationToken)
    {
        var trimmed = title.Trim();
        if (trimmed.Length == 0)
        {
            throw new ArgumentException("A conversation needs a title.", nameof(title));
        }

        return UpdateAsync(userId, conversationId, WorkspacePermission.Editor,
            c => c.Title = trimmed.Length > 300 ? trimmed[..300] : trimmed, cancellationToken);
    }

    /// <summary>Keeps the prompt the next message will be sent with; earlier answers keep the one they had.
    /// Throws <see cref="PlaygroundLimitException"/> for a prompt longer than <see cref="PlaygroundOptions.MaxSystemPromptChars"/>.</summary>
    public Task SaveSystemPromptAsync(Guid userId, Guid conversationId, string systemPrompt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(systemPrompt);
        if (limits.SystemPromptRefusal(systemPrompt) is { } tooLong)
        {
            refusals.Record(RefusalReasons.SystemPromptTooLong, userId);
            throw new PlaygroundLimitException(tooLong);
        }

        return UpdateAsync(userId, conversationId, WorkspacePermission.Editor, c => c.SystemPrompt = systemPrompt, cancellationToken);
    }

    /// <summary>Deletes the conversation and its messages, archived first (<see cref="ConversationDeletions"/>); owners only.</summary>
    public Task DeleteAsync(Guid userId, Guid conversationId, CancellationToken cancellationToken) =>
        deletions.DeleteAsync(userId, conversationId, cancellationToken);

    private async Task UpdateAsync(
        Guid userId, Guid conversationId, WorkspacePermission needed, Action<PlaygroundConversation> change, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var conversation = await LoadForAsync(db, userId, conversationId, needed, cancellationToken);
        change(conversation);
        conversation.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<PlaygroundConversation> LoadForAsync(
        GrimoireDbContext db, Guid userId, Guid conversationId, WorkspacePermission needed, CancellationToken cancellationToken)
    {
        var conversation = await db.PlaygroundConversations.SingleOrDefaultAsync(c => c.Id == conversationId, cancellationToken);
        if (conversation is null || await workspaceAccess.GetPermissionAsync(userId, conversation.WorkspaceId, cancellationToken) is not { } permission)
        {
            throw PlaygroundAccessDeniedException.ConversationGone(); // deleted meanwhile, or never theirs: alike
        }

        if (permission < needed)
        {
            throw new PlaygroundAccessDeniedException();
        }

        return conversation;
    }
}
