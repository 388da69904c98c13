using Grimoire.Core.Access;
using Grimoire.Core.Audit;
using Grimoire.Core.Data;
using Grimoire.Core.Playground.Live;
using Grimoire.Core.Playground.Recording;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Grimoire.Core.Playground.Forking;

/// <summary>
/// Branching (X2): a new conversation that starts as a copy of another up to one message, then goes its own way;
/// and the links between a conversation and its branches. Singleton.
/// </summary>
/// <remarks>
/// The branch is saved through <see cref="ConversationLedger"/>: its transaction commits only after the
/// <see cref="AuditKinds.ConversationForked"/> record is on disk, so the database never shows a branch the archive
/// does not explain.
/// </remarks>
public sealed class ConversationForks(
    IDbContextFactory<GrimoireDbContext> contextFactory,
    WorkspaceAccess workspaceAccess,
    ILiveTurnHub hub,
    Turns.ConversationRateLimiter creationLimiter,
    PlaygroundRefusals refusals,
    ConversationLedger ledger,
    TimeProvider time,
    ILogger<ConversationForks> logger)
{
    public const string BranchSuffix = " (branch)";

    public const string StillArriving = "An answer in this part of the conversation is still arriving. Wait for it to finish, then branch.";

    public const string NotArchived = "The branch could not be recorded in the archive, so it was not created. Try again in a moment.";

    private const int MaxTitleLength = 300;

    /// <summary>
    /// Creates a branch of the conversation holding <paramref name="messageId"/>: same workspace and course, owned by
    /// <paramref name="userId"/>, titled "&lt;source title&gt; (branch)", with the source's system prompt and a copy of
    /// every message up to and including that one (new ids, same positions, every field: thinking blocks,
    /// parameters, request, usage, cost, edit time). The source is not changed. Needs editor rights on the
    /// workspace and a course that is not archived; refused while any copied message is still streaming.
    /// </summary>
    public Task<ConversationFork> ForkAsync(Guid userId, Guid messageId, CancellationToken cancellationToken) =>
        ForkCoreAsync(userId, messageId, ownWorkspace: false, cancellationToken);

    /// <summary>
    /// A branch in a new workspace of <paramref name="userId"/>'s own (they are its owner), for a source they may only
    /// read: a class copy (AC8.4). The caller (<see cref="ClassShares.ClassShares"/>) has decided they may; this
    /// still refuses for an archived course, a streaming answer and the creation rate, like <see cref="ForkAsync"/>.
    /// </summary>
    internal Task<ConversationFork> ForkIntoOwnWorkspaceAsync(Guid userId, Guid messageId, CancellationToken cancellationToken) =>
        ForkCoreAsync(userId, messageId, ownWorkspace: true, cancellationToken);

    private async Task<ConversationFork> ForkCoreAsync(Guid userId, Guid messageId, bool ownWorkspace, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var (chosen, source) = await ConversationChangeRules.FindAsync(db, messageId, cancellationToken);
        if (chosen is null || source is null)
        {
            throw PlaygroundRefusedException.Forbidden(ConversationChangeRules.NoAccess);
        }

        if (ownWorkspace)
        {
            if (await db.Courses.AnyAsync(c => c.Id == source.CourseId && c.IsArchived, cancellationToken))
            {
                throw PlaygroundRefusedException.Forbidden(ConversationChangeRules.CourseArchived);
            }
        }
        else if (await ConversationChangeRules.RefusalAsync(db, workspaceAccess, userId, source, cancellationToken) is { } refusal)
        {
            throw PlaygroundRefusedException.Forbidden(refusal);
        }

        var originals = await db.PlaygroundMessages.AsNoTracking()
            .Where(m => m.ConversationId == source.Id && m.Sequence <= chosen.Sequence)
            .OrderBy(m => m.Sequence)
            .ToListAsync(cancellationToken);
        var live = hub.Current(source.Id);
        if (originals.Any(m => m.Status == MessageStatus.Streaming || m.Id == live?.AssistantMessageId))
        {
            throw PlaygroundRefusedException.Conflict(StillArriving);
        }

        // A branch is a new conversation: it counts against the same rate as starting one (issue 17 item 8).
        if (creationLimiter.TryAcquire(userId) is { } slowDown)
        {
            refusals.Record(RefusalReasons.ConversationRate, userId);
            throw new PlaygroundLimitException(slowDown);
        }

        var now = UtcDateTimeConverter.ToStored(time.GetUtcNow().UtcDateTime); // as stored, so what is returned equals what is read back
        var workspace = ownWorkspace ? await OwnWorkspaceAsync(db, userId, source.CourseId, now, cancellationToken) : null;
        var branch = new PlaygroundConversation
        {
            WorkspaceId = workspace?.Id ?? source.WorkspaceId,
            CourseId = source.CourseId,
            OwnerId = userId,
            Title = BranchTitle(source.Title),
            SystemPrompt = source.SystemPrompt,
            ForkedFromConversationId = source.Id,
            ForkedFromMessageId = chosen.Id,
            CreatedAt = now,
            UpdatedAt = now,
        };
        var copies = originals.Select(m => m.CopyForBranch(branch.Id)).ToList();
        var entry = AuditEntries.ConversationForked(
            AuditIds.For(branch, userId), now, source.Id, chosen.Id, branch.Title,
            [.. originals.Zip(copies, (from, to) => new AuditMessageCopy(from.Id, to.Id, from.Sequence))]);
        var written = await ledger.RecordAsync(db, async ct =>
        {
            if (workspace is not null)
            {
                db.Workspaces.Add(workspace);
            }

            db.PlaygroundConversations.Add(branch);
            db.PlaygroundMessages.AddRange(copies);
            await db.SaveChangesAsync(ct);
            return entry;
        }, cancellationToken);
        if (written != LedgerWrite.Committed)
        {
            throw PlaygroundRefusedException.Conflict(NotArchived);
        }

        logger.LogInformation(
            "Conversation {SourceId} branched at message {MessageId} into {BranchId} by {UserId}", source.Id, chosen.Id, branch.Id, userId);
        hub.NotifyChanged(source.Id); // its watchers now see one more branch
        branch.Messages = []; // the copies are in the database; open the branch to read them
        return new ConversationFork(branch);
    }

    /// <summary>The branch links of a conversation as <paramref name="userId"/> may see them, or <see cref="ForkLinks.None"/> if they may not view it.</summary>
    public async Task<ForkLinks> GetLinksAsync(Guid userId, Guid conversationId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var conversation = await db.PlaygroundConversations.AsNoTracking().SingleOrDefaultAsync(c => c.Id == conversationId, cancellationToken);
        return conversation is null || await workspaceAccess.GetPermissionAsync(userId, conversation.WorkspaceId, cancellationToken) is null
            ? ForkLinks.None
            : await LoadLinksAsync(db, userId, conversation, cancellationToken);
    }

    /// <summary>The links of a conversation the caller has already checked <paramref name="userId"/> may view.</summary>
    internal async Task<ForkLinks> LoadLinksAsync(GrimoireDbContext db, Guid userId, PlaygroundConversation conversation, CancellationToken cancellationToken)
    {
        ForkSource? source = null;
        if (conversation.ForkedFromConversationId is { } sourceId)
        {
            var found = await db.PlaygroundConversations.AsNoTracking()
                .Where(c => c.Id == sourceId)
                .Select(c => new
                {
                    c.Title,
                    c.WorkspaceId,
                    Sequence = db.PlaygroundMessages.Where(m => m.Id == conversation.ForkedFromMessageId).Select(m => (int?)m.Sequence).FirstOrDefault(),
                })
                .SingleOrDefaultAsync(cancellationToken);
            if (found is not null && await CanViewAsync(userId, found.WorkspaceId, cancellationToken))
            {
                source = new ForkSource(sourceId, found.Title, found.Sequence is null ? null : conversation.ForkedFromMessageId, found.Sequence);
            }
        }

        var branches = await db.PlaygroundConversations.AsNoTracking()
            .Where(c => c.ForkedFromConversationId == conversation.Id)
            .OrderBy(c => c.CreatedAt)
            .Select(c => new
            {
                Branch = new ForkBranch(c.Id, c.Title, c.CreatedAt, c.ForkedFromMessageId,
                    db.PlaygroundMessages.Where(m => m.Id == c.ForkedFromMessageId).Select(m => (int?)m.Sequence).FirstOrDefault()),
                c.WorkspaceId,
            })
            .ToListAsync(cancellationToken);
        var viewable = new Dictionary<Guid, bool>();
        var visible = new List<ForkBranch>(branches.Count);
        foreach (var branch in branches)
        {
            if (!viewable.TryGetValue(branch.WorkspaceId, out var canView))
            {
                viewable[branch.WorkspaceId] = canView = await CanViewAsync(userId, branch.WorkspaceId, cancellationToken);
            }

            if (canView)
            {
                visible.Add(branch.Branch);
            }
        }

        return source is null && visible.Count == 0 ? ForkLinks.None : new ForkLinks(source, visible);
    }

    private static async Task<Workspaces.Workspace> OwnWorkspaceAsync(
        GrimoireDbContext db, Guid userId, Guid courseId, DateTime now, CancellationToken cancellationToken)
    {
        var owner = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.DisplayName).SingleAsync(cancellationToken);
        var code = await db.Courses.AsNoTracking().Where(c => c.Id == courseId).Select(c => c.Code).SingleAsync(cancellationToken);
        var workspace = new Workspaces.Workspace { Title = $"{owner} · {code}", CourseId = courseId, CreatedAt = now, UpdatedAt = now };
        workspace.Members.Add(new Workspaces.WorkspaceMember { UserId = userId, Permission = Workspaces.WorkspacePermission.Owner, CreatedAt = now });
        return workspace;
    }

    internal static string BranchTitle(string sourceTitle)
    {
        var room = MaxTitleLength - BranchSuffix.Length;
        var title = sourceTitle.Length <= room ? sourceTitle : string.Concat(sourceTitle.AsSpan(0, room - 1).TrimEnd(), "…");
        return title + BranchSuffix;
    }

    private async Task<bool> CanViewAsync(Guid userId, Guid workspaceId, CancellationToken cancellationToken) =>
        await workspaceAccess.GetPermissionAsync(userId, workspaceId, cancellationToken) is not null;
}
