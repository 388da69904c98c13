using Grimoire.Core.Access;
using Grimoire.Core.Audit;
using Grimoire.Core.Audit.Anchors;
using Grimoire.Core.Data;
using Grimoire.Core.Playground.Credentials;
using Grimoire.Core.Playground.Live;
using Grimoire.Llm.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Grimoire.Core.Playground.Turns;

/// <summary>
/// One turn of the playground: checks access, runs the pre-flight checks (X7), stores the student's message
/// before anything is sent, then streams the answer in the background so it survives the page that asked for
/// it (X6). <see cref="TurnExecution"/> does the streaming and the final write. A new turn is
/// <see cref="StartAsync"/>; answering again in place of an earlier answer is <see cref="RegenerateAsync"/>
/// (TurnRunner.Regenerate.cs). The checks both share are in TurnRunner.Preflight.cs.
/// </summary>
public sealed partial class TurnRunner(
    IDbContextFactory<GrimoireDbContext> contextFactory,
    WorkspaceAccess workspaceAccess,
    CourseAccess courseAccess,
    IProviderCredentials credentials,
    ITokenCounter tokenCounter,
    StudentRateLimiter rateLimiter,
    ILiveTurnHub hub,
    TurnExecution execution,
    AuditArchive audit,
    AuditAnchorStore anchors,
    TimeProvider time,
    ILogger<TurnRunner> logger)
{
    public const string NoAccessToProvider = "Your instructor hasn't given you access to this provider yet.";

    public const string TurnStillRunning = "An answer is still arriving in this conversation. Stop it or wait for it to finish.";

    /// <summary>
    /// Stores <paramref name="text"/> as the student's next message and starts streaming the answer with
    /// <paramref name="settings"/> and <paramref name="systemPrompt"/> (which the conversation keeps for next time).
    /// Refusals (no access, archived course, model not available, no key, too long, too fast, a turn already running)
    /// store nothing and come back as <see cref="TurnStart.Refusal"/>, in words for the student.
    /// </summary>
    public async Task<TurnStart> StartAsync(
        Guid userId, Guid conversationId, string text, string systemPrompt, TurnSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (string.IsNullOrWhiteSpace(text))
        {
            return TurnStart.Refused("Write a message first.");
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var (conversation, refusal) = await OpenForTurnAsync(db, userId, conversationId, cancellationToken);
        if (conversation is null)
        {
            return TurnStart.Refused(refusal!);
        }

        if (await FindModelAsync(db, conversation, settings.ModelConfigId, cancellationToken) is not { } model)
        {
            return TurnStart.Refused(ModelNotAvailable);
        }

        var stored = await db.PlaygroundMessages.AsNoTracking()
            .Where(m => m.ConversationId == conversationId).OrderBy(m => m.Sequence).ToListAsync(cancellationToken);
        var (turn, planRefusal) = await PrepareAsync(userId, conversation, model, settings, systemPrompt, stored, text, cancellationToken);
        if (turn is null)
        {
            return TurnStart.Refused(planRefusal!);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var next = stored.Count == 0 ? 0 : stored[^1].Sequence + 1;
        var userMessage = new PlaygroundMessage
        {
            ConversationId = conversationId, Sequence = next, Role = MessageRole.User, Content = text,
            Status = MessageStatus.Complete, AuthorUserId = userId, CreatedAt = now,
        };
        var answer = new PlaygroundMessage
        {
            ConversationId = conversationId, Sequence = next + 1, Role = MessageRole.Assistant, Status = MessageStatus.Streaming,
            Provider = model.Provider, Model = model.ModelId, ModelConfigId = model.Id, ParametersJson = turn.Parameters.ToJson(),
            AuthorUserId = userId, CreatedAt = now,
        };

        var live = hub.TryBegin(conversationId, userMessage.Id, answer.Id);
        if (live is null)
        {
            return TurnStart.Refused(TurnStillRunning);
        }

        await SaveOrAbandonAsync(live, async () =>
        {
            conversation.SystemPrompt = systemPrompt;
            conversation.UpdatedAt = now;
            if (conversation.Title == ConversationStore.DefaultTitle)
            {
                conversation.Title = TitleFrom(text);
            }

            db.PlaygroundMessages.AddRange(userMessage, answer);
            await db.SaveChangesAsync(cancellationToken);
            return true;
        });

        Launch(live, conversation, userId, turn);
        return new TurnStart(userMessage.Id, answer.Id, null);
    }

    internal static string TitleFrom(string text)
    {
        var line = text.Trim().Split('\n', 2)[0].Trim();
        return line.Length <= 60 ? line : string.Concat(line.AsSpan(0, 59).TrimEnd(), "…");
    }
}
