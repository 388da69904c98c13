using Grimoire.Core.Access;
using Grimoire.Core.Data;
using Grimoire.Core.Playground.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Grimoire.Core.Playground.Turns;

/// <summary>
/// Stop and Esc (issue 17 item 6): stops the answer running in a conversation, for a person who may change that
/// conversation — an editor of its workspace, in a course that is not archived (<see cref="ConversationChangeRules"/>).
/// Read-only viewers (the course's instructors and tutors, anyone in an archived course) are refused here, whatever
/// the page shows them. Singleton.
/// </summary>
public sealed class TurnStopper(
    IDbContextFactory<GrimoireDbContext> contextFactory,
    WorkspaceAccess workspaceAccess,
    ILiveTurnHub hub,
    PlaygroundRefusals refusals,
    ILogger<TurnStopper> logger)
{
    public const string ReadOnly = "This conversation is read-only for you, so its answer can't be stopped from here.";

    /// <summary>
    /// Asks the running answer in <paramref name="conversationId"/> to stop (the partial answer is kept, marked
    /// stopped). Null when it was asked to stop or nothing was running; otherwise why not, and nothing is changed.
    /// </summary>
    public async Task<string?> StopAsync(Guid userId, Guid conversationId, CancellationToken cancellationToken)
    {
        if (hub.Current(conversationId) is not { } running)
        {
            return null;
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var conversation = await db.PlaygroundConversations.AsNoTracking().SingleOrDefaultAsync(c => c.Id == conversationId, cancellationToken);
        var refusal = conversation is null
            ? ReadOnly
            : await ConversationChangeRules.RefusalAsync(db, workspaceAccess, userId, conversation, cancellationToken) switch
            {
                ConversationChangeRules.NoAccess => ReadOnly,
                var other => other,
            };
        if (refusal is not null)
        {
            refusals.Record(RefusalReasons.StopNotAllowed, userId);
            return refusal;
        }

        // A message to the node that runs the answer, for that answer only (a stop never reaches the next one).
        if (await hub.RequestStopAsync(new StopTurn(conversationId, running.AssistantMessageId), cancellationToken))
        {
            logger.LogInformation("Turn {MessageId} in conversation {ConversationId} stopped by user {UserId}",
                running.AssistantMessageId, conversationId, userId);
        }

        return null;
    }
}
