using Grimoire.Core.Audit;
using Grimoire.Core.Playground.Recording;
using Microsoft.EntityFrameworkCore;

namespace Grimoire.Core.Playground.Turns;

// Regeneration (AC6.3): the same checks as a new turn, then the answer's own row is reset and streamed again.
public sealed partial class TurnRunner
{
    public const string OriginalSettingsUnavailable =
        "The model this answer was made with is no longer available in this course. Regenerate with the current settings instead.";

    public const string OriginalSettingsUnknown =
        "The settings this answer was made with were not recorded. Regenerate with the current settings instead.";

    /// <summary>
    /// Answers again in place of the assistant message <paramref name="assistantMessageId"/> (AC6.3), from the
    /// messages before it only. With <see cref="RegenerateWith.CurrentSettings"/> the answer uses
    /// <paramref name="currentSettings"/> and <paramref name="currentSystemPrompt"/> (the conversation keeps that
    /// prompt, as with a new turn); with <see cref="RegenerateWith.OriginalSettings"/> it uses the model, parameters
    /// and system prompt the answer was made with, and is refused if that model is no longer enabled.
    /// <para>
    /// The new answer replaces the old one in the same row: same id, same position. The returned
    /// <see cref="TurnStart.AssistantMessageId"/> is therefore <paramref name="assistantMessageId"/>, and
    /// <see cref="TurnStart.UserMessageId"/> is the question it answers; watch it like any running turn. The old
    /// answer is archived first (<see cref="AuditKinds.MessageRegenerated"/>), the new call is archived by the turn.
    /// Messages after it stay as they are: <see cref="ConversationDetail.CountMessagesAfter"/> tells the UI to warn
    /// (and to offer a branch instead).
    /// </para>
    /// Refused, with nothing changed, for a user message, while any answer streams in the conversation, and for
    /// everything <see cref="StartAsync"/> refuses.
    /// </summary>
    public async Task<TurnStart> RegenerateAsync(
        Guid userId, Guid conversationId, Guid assistantMessageId, RegenerateWith choice, TurnSettings currentSettings,
        string currentSystemPrompt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(currentSettings);
        if (choice == RegenerateWith.CurrentSettings && limits.SystemPromptRefusal(currentSystemPrompt) is { } promptTooLong)
        {
            throw Refuse(RefusalReasons.SystemPromptTooLong, userId, promptTooLong);
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var conversation = await OpenForTurnAsync(db, userId, conversationId, cancellationToken);

        var stored = await db.PlaygroundMessages.AsNoTracking()
            .Where(m => m.ConversationId == conversationId).OrderBy(m => m.Sequence).ToListAsync(cancellationToken);
        var target = stored.SingleOrDefault(m => m.Id == assistantMessageId);
        if (target is null)
        {
            throw PlaygroundRefusedException.Invalid("That message is not in this conversation.");
        }

        if (target.Role != MessageRole.Assistant)
        {
            throw PlaygroundRefusedException.Invalid("Only an answer can be regenerated. To change a question, edit it.");
        }

        if (target.Status == MessageStatus.Streaming || hub.Current(conversationId) is not null)
        {
            throw PlaygroundRefusedException.Conflict(TurnStillRunning);
        }

        var earlier = stored.Where(m => m.Sequence < target.Sequence).ToList();
        if (earlier.LastOrDefault(m => m.Role == MessageRole.User) is not { } question)
        {
            throw PlaygroundRefusedException.Invalid("There is no question before this answer to answer again.");
        }

        var useOriginal = choice == RegenerateWith.OriginalSettings;
        var (settings, systemPrompt, settingsRefusal) = useOriginal ? OriginalSettingsOf(target) : (currentSettings, currentSystemPrompt, null);
        if (settings is null)
        {
            throw PlaygroundRefusedException.Invalid(settingsRefusal!);
        }

        if (await FindModelAsync(db, conversation, settings.ModelConfigId, cancellationToken) is not { } model)
        {
            throw PlaygroundRefusedException.Invalid(useOriginal ? OriginalSettingsUnavailable : ModelNotAvailable);
        }

        var turn = await PrepareAsync(userId, conversation, model, settings, systemPrompt!, earlier, null, cancellationToken);

        var live = await hub.TryBeginAsync(conversationId, question.Id, target.Id, cancellationToken);
        if (live is null)
        {
            turn.Slot.Dispose();
            throw PlaygroundRefusedException.Conflict(TurnStillRunning);
        }

        var replaced = await SaveOrAbandonAsync(live, turn, async () =>
        {
            // The old answer is archived, then overwritten, in one ledger write (AC4.4): if the archive refuses, nothing is.
            var written = await ledger.RecordAsync(db, async ct =>
            {
                var row = await db.PlaygroundMessages.SingleAsync(m => m.Id == target.Id, ct);
                var now = time.GetUtcNow().UtcDateTime;
                var replacedEntry = AuditEntries.MessageRegenerated(
                    AuditIds.For(conversation, userId, row.Id), now, AuditMessageSnapshot.From(row), row.Id, useOriginal);
                row.ResetForRegeneration(turn.Request, userId, now);
                conversation.UpdatedAt = now;
                if (!useOriginal)
                {
                    conversation.SystemPrompt = systemPrompt!;
                }

                await db.SaveChangesAsync(ct);
                return replacedEntry;
            }, cancellationToken);
            return written == LedgerWrite.Committed;
        });
        if (!replaced)
        {
            throw PlaygroundRefusedException.Conflict("The answer could not be archived, so it was not replaced. Try again in a moment.");
        }

        Launch(live, conversation, userId, turn);
        return new TurnStart(question.Id, target.Id);
    }

    /// <summary>The settings and system prompt the answer was made with, or why they cannot be used.</summary>
    private static (TurnSettings? Settings, string? SystemPrompt, string? Refusal) OriginalSettingsOf(PlaygroundMessage answer)
    {
        if (MessageParameters.FromJson(answer.ParametersJson) is not { } recorded)
        {
            return (null, null, OriginalSettingsUnknown);
        }

        // The row's own ModelConfigId is cleared when the course model is deleted; the parameters keep the old id.
        if (answer.ModelConfigId is not { } modelConfigId)
        {
            return (null, null, OriginalSettingsUnavailable);
        }

        var settings = new TurnSettings(
            modelConfigId, recorded.Temperature, recorded.MaxTokens, recorded.ThinkingEnabled, recorded.ThinkingBudget, recorded.ThinkingEffort);
        return (settings, recorded.SystemPrompt, null);
    }
}
