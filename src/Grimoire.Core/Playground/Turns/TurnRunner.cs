using Grimoire.Core.Access;
using Grimoire.Core.Data;
using Grimoire.Core.Playground.Credentials;
using Grimoire.Core.Playground.Live;
using Grimoire.Core.Playground.Recording;
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
    StudentAnswerSlots answerSlots,
    PlaygroundLimits limits,
    PlaygroundRefusals refusals,
    Usage.Spend.SpendControl spend,
    ILiveTurnHub hub,
    TurnExecution execution,
    ConversationLedger ledger,
    TimeProvider time,
    Attachments.AttachmentContents attachmentContents,
    Attachments.TurnAttachments turnAttachments,
    ILogger<TurnRunner> logger)
{
    public const string NoAccessToProvider = "Your instructor hasn't given you access to this provider yet.";

    public const string TurnStillRunning = "An answer is still arriving in this conversation. Stop it or wait for it to finish.";

    /// <summary>
    /// Stores <paramref name="text"/> as the student's next message and starts streaming the answer with
    /// <paramref name="settings"/> and <paramref name="systemPrompt"/> (which the conversation keeps for next time).
    /// Refusals (no access, archived course, model not available, no key, a message, prompt or conversation too long,
    /// too fast, too many answers in flight, a turn already running) store nothing and throw a <see cref="Refusals.RefusalException"/>
    /// (<see cref="PlaygroundRefusedException"/> or <see cref="PlaygroundLimitException"/>) whose message is in words for the student.
    /// </summary>
    public Task<TurnStart> StartAsync(
        Guid userId, Guid conversationId, string text, string systemPrompt, TurnSettings settings, CancellationToken cancellationToken) =>
        StartAsync(userId, conversationId, text, systemPrompt, settings, [], cancellationToken);

    /// <summary>
    /// As above, with the files <paramref name="attachmentIds"/> the student uploaded for this message (AC7.2, AC7.6):
    /// refused when one is not theirs in this workspace, when there are too many or too large together, or when the
    /// model takes no files or images (AC7.5).
    /// </summary>
    public async Task<TurnStart> StartAsync(
        Guid userId, Guid conversationId, string text, string systemPrompt, TurnSettings settings,
        IReadOnlyList<Guid> attachmentIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attachmentIds);
        ArgumentNullException.ThrowIfNull(settings);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw PlaygroundRefusedException.Invalid("Write a message first.");
        }

        if (limits.MessageRefusal(text) is { } tooLong)
        {
            throw Refuse(RefusalReasons.MessageTooLong, userId, tooLong);
        }

        if (limits.SystemPromptRefusal(systemPrompt) is { } promptTooLong)
        {
            throw Refuse(RefusalReasons.SystemPromptTooLong, userId, promptTooLong);
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var conversation = await OpenForTurnAsync(db, userId, conversationId, cancellationToken);

        if (await FindModelAsync(db, conversation, settings.ModelConfigId, cancellationToken) is not { } model)
        {
            throw PlaygroundRefusedException.Invalid(ModelNotAvailable);
        }

        var (files, filesRefusal) = await turnAttachments.ForQuestionAsync(db, userId, conversation, model, attachmentIds, cancellationToken);
        if (filesRefusal is not null)
        {
            throw PlaygroundRefusedException.Invalid(filesRefusal);
        }

        var stored = await db.PlaygroundMessages.AsNoTracking()
            .Where(m => m.ConversationId == conversationId).OrderBy(m => m.Sequence).ToListAsync(cancellationToken);
        if (limits.ConversationFullRefusal(stored.Count, adding: 2) is { } full)
        {
            throw Refuse(RefusalReasons.ConversationFull, userId, full);
        }

        var turn = await PrepareAsync(userId, conversation, model, settings, systemPrompt, stored, text, files, cancellationToken);

        var now = time.GetUtcNow().UtcDateTime;
        var next = stored.Count == 0 ? 0 : stored[^1].Sequence + 1;
        var userMessage = PlaygroundMessage.Question(
            conversationId, next, text, userId, now, Attachments.AttachmentReferences.Write(files));
        var answer = PlaygroundMessage.StartAnswer(conversationId, next + 1, turn.Request, userId, now);

        var live = await hub.TryBeginAsync(conversationId, userMessage.Id, answer.Id, cancellationToken);
        if (live is null)
        {
            turn.Slot.Dispose();
            throw PlaygroundRefusedException.Conflict(TurnStillRunning);
        }

        await SaveOrAbandonAsync(live, turn, async () =>
        {
            conversation.SystemPrompt = systemPrompt;
            conversation.UpdatedAt = now;
            if (conversation.Title == ConversationStore.DefaultTitle)
            {
                conversation.Title = TitleFrom(text);
            }

            db.PlaygroundMessages.AddRange(userMessage, answer);
            await Attachments.TurnAttachments.ClaimAsync(db, conversationId, files, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return true;
        });

        Launch(live, conversation, userId, turn);
        return new TurnStart(userMessage.Id, answer.Id);
    }

    /// <summary>A refusal made by a limit or a rate: counted and logged (never the text), then said to the student.</summary>
    private PlaygroundLimitException Refuse(string reason, Guid userId, string sentence)
    {
        refusals.Record(reason, userId);
        return new PlaygroundLimitException(sentence);
    }

    internal static string TitleFrom(string text)
    {
        var line = text.Trim().Split('\n', 2)[0].Trim();
        return line.Length <= 60 ? line : string.Concat(line.AsSpan(0, 59).TrimEnd(), "…");
    }
}
