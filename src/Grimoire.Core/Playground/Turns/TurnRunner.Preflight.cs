using System.Globalization;
using Grimoire.Core.Audit;
using Grimoire.Core.Courses;
using Grimoire.Core.Data;
using Grimoire.Core.Playground.Live;
using Grimoire.Core.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Grimoire.Core.Playground.Turns;

// The checks a new turn and a regeneration share, in the order they run: access, model, options, credentials,
// context length, answers in flight, rate limit. Each refusal is a sentence for the student; nothing is stored before all pass.
public sealed partial class TurnRunner
{
    public const string ModelNotAvailable = "That model is not available in this course. Pick one from the list.";

    /// <summary>
    /// The conversation, tracked, when the person may post in it: workspace editor, enrolled in the course, and the
    /// course not archived. Otherwise refused (<see cref="PlaygroundRefusedException"/>, Forbidden).
    /// </summary>
    private async Task<PlaygroundConversation> OpenForTurnAsync(
        GrimoireDbContext db, Guid userId, Guid conversationId, CancellationToken cancellationToken)
    {
        var conversation = await db.PlaygroundConversations.SingleOrDefaultAsync(c => c.Id == conversationId, cancellationToken);
        if (conversation is null
            || !await workspaceAccess.HasPermissionAsync(userId, conversation.WorkspaceId, WorkspacePermission.Editor, cancellationToken)
            || !await courseAccess.HasRoleAsync(userId, conversation.CourseId, CourseRole.Student, cancellationToken))
        {
            throw PlaygroundRefusedException.Forbidden("You can't post in this conversation.");
        }

        if (await db.Courses.AnyAsync(c => c.Id == conversation.CourseId && c.IsArchived, cancellationToken))
        {
            throw PlaygroundRefusedException.Forbidden("This course is archived: its conversations can be read but not continued.");
        }

        return conversation;
    }

    /// <summary>The course's model with that id when it is enabled, else null.</summary>
    private static Task<CourseModelConfig?> FindModelAsync(
        GrimoireDbContext db, PlaygroundConversation conversation, Guid modelConfigId, CancellationToken cancellationToken) =>
        db.CourseModelConfigs.AsNoTracking()
            .Where(m => m.Id == modelConfigId && m.CourseId == conversation.CourseId && m.IsEnabled)
            .SingleOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Options, credentials, history, context length and rate limit. <paramref name="earlier"/> are the stored
    /// messages the answer follows; <paramref name="question"/> is a new message to add after them (null when
    /// regenerating: the question is already stored). Refusals throw: a limit or a rate as
    /// <see cref="PlaygroundLimitException"/>, the rest as <see cref="PlaygroundRefusedException"/>.
    /// </summary>
    private Task<PreparedTurn> PrepareAsync(
        Guid userId, PlaygroundConversation conversation, CourseModelConfig model, TurnSettings settings, string systemPrompt,
        IEnumerable<PlaygroundMessage> earlier, string? question, CancellationToken cancellationToken) =>
        PrepareAsync(userId, conversation, model, settings, systemPrompt, earlier, question, [], cancellationToken);

    /// <summary>As above; <paramref name="questionFiles"/> are the new message's attachments (AC7.4).</summary>
    private async Task<PreparedTurn> PrepareAsync(
        Guid userId, PlaygroundConversation conversation, CourseModelConfig model, TurnSettings settings, string systemPrompt,
        IEnumerable<PlaygroundMessage> earlier, string? question, IReadOnlyList<Attachments.AttachmentReference> questionFiles,
        CancellationToken cancellationToken)
    {
        var (options, parameters, optionsRefusal) = TurnOptionsBuilder.Build(model, settings, systemPrompt);
        if (optionsRefusal is not null)
        {
            throw PlaygroundRefusedException.Invalid(optionsRefusal);
        }

        var endpoint = await credentials.ResolveAsync(userId, conversation.CourseId, model.Provider, cancellationToken);
        if (endpoint is null)
        {
            throw PlaygroundRefusedException.Forbidden(
                await credentials.ExplainNoAccessAsync(userId, conversation.CourseId, model.Provider, cancellationToken) ?? NoAccessToProvider);
        }

        var earlierList = earlier as IReadOnlyList<PlaygroundMessage> ?? [.. earlier];
        var references = earlierList.SelectMany(m => Attachments.AttachmentReferences.Read(m.FileReferencesJson)).Concat(questionFiles);
        var files = await attachmentContents.LoadAsync(references, model, cancellationToken);
        var speakers = await SpeakersAsync(userId, conversation, earlierList, cancellationToken);
        var history = HistoryBuilder.Build(earlierList, model.Provider, model.ModelId, files, speakers);
        if (question is not null)
        {
            history.Add(HistoryBuilder.Question(question, questionFiles, files, HistoryBuilder.SpeakerOf(userId, speakers)));
        }

        if (ContextRefusal(model, history, systemPrompt, options!.MaxOutputTokens ?? 0) is { } tooLong)
        {
            refusals.Record(RefusalReasons.ContextTooLong, userId);
            throw new PlaygroundLimitException(tooLong);
        }

        // A slot before a rate token, so a refusal for answers in flight does not spend one.
        var (slot, busy) = answerSlots.TryTake(userId);
        if (slot is null)
        {
            refusals.Record(RefusalReasons.AnswersInFlight, userId);
            throw new PlaygroundLimitException(busy!);
        }

        if (rateLimiter.TryAcquire(userId) is { } slowDown)
        {
            slot.Dispose();
            refusals.Record(RefusalReasons.TurnRate, userId);
            throw new PlaygroundLimitException(slowDown);
        }

        // X7: the worst case must fit the known remaining budget; reserved on the slot until the call settles (or refused, slot let go).
        if (await spend.ReserveAsync(new(userId, conversation.CourseId, model, systemPrompt, history, options.MaxOutputTokens), slot, cancellationToken) is { } overBudget)
        {
            throw new PlaygroundLimitException(overBudget);
        }

        return new PreparedTurn(model, options, parameters!, endpoint, history, slot);
    }

    /// <summary>
    /// The first names user messages are sent with (AC8.3), or null when the conversation's workspace has one member
    /// only: a conversation of one's own is sent exactly as before, without names. Decided per request, from the
    /// workspace as it is now: once shared, every user message of the history goes with its author's name.
    /// </summary>
    private async Task<IReadOnlyDictionary<Guid, string>?> SpeakersAsync(
        Guid userId, PlaygroundConversation conversation, IReadOnlyList<PlaygroundMessage> earlier, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await db.WorkspaceMembers.CountAsync(m => m.WorkspaceId == conversation.WorkspaceId, cancellationToken) < 2)
        {
            return null;
        }

        var ids = earlier.Where(m => m.Role == MessageRole.User && m.AuthorUserId is not null)
            .Select(m => m.AuthorUserId!.Value).Append(userId).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))
            .Select(u => new { u.Id, u.FirstName, u.DisplayName }).ToListAsync(cancellationToken);
        return names
            .Select(u => (u.Id, Name: HistoryBuilder.SpeakerName(u.FirstName) ?? HistoryBuilder.SpeakerName(u.DisplayName)))
            .Where(u => u.Name is not null)
            .ToDictionary(u => u.Id, u => u.Name!);
    }

    /// <summary>
    /// Null when the system prompt, the history and the answer's room fit the model's context; a model that does not
    /// say its context length gets <see cref="PlaygroundOptions.UnknownContextTokens"/>. Attached files count: their
    /// inlined text by the tokenizer, images by <see cref="Attachments.AttachmentTokens"/>' estimate.
    /// </summary>
    private string? ContextRefusal(CourseModelConfig model, List<ChatMessage> history, string systemPrompt, int maxTokens)
    {
        var context = model.ContextLength ?? limits.UnknownContextTokens;
        var estimate = tokenCounter.CountTokens(systemPrompt) + history.Sum(m => Attachments.AttachmentTokens.ForMessage(m, tokenCounter)) + maxTokens;
        if (estimate <= context)
        {
            return null;
        }

        var takes = model.ContextLength is null
            ? string.Create(CultureInfo.InvariantCulture, $"the course allows {context:N0} for a model whose context length is not known")
            : string.Create(CultureInfo.InvariantCulture, $"it takes {context:N0}");
        return string.Create(CultureInfo.InvariantCulture,
            $"This conversation is too long for {model.DisplayName}: about {estimate:N0} tokens with the answer's room, and {takes}. ")
            + "Lower max tokens, start a new conversation, or pick a model with a longer context.";
    }

    /// <summary>
    /// Runs the save that makes the turn visible. If it throws or returns false, the live turn and the student's slot
    /// are released so neither the conversation nor the student is left blocked.
    /// </summary>
    private async Task<bool> SaveOrAbandonAsync(LiveTurn live, PreparedTurn turn, Func<Task<bool>> save)
    {
        var saved = false;
        try
        {
            saved = await save();
            return saved;
        }
        finally
        {
            if (!saved)
            {
                hub.Finish(live);
                live.Dispose();
                turn.Slot.Dispose();
            }
        }
    }

    /// <summary>Starts streaming the stored answer row <see cref="LiveTurn.AssistantMessageId"/> in the background.</summary>
    private void Launch(LiveTurn live, PlaygroundConversation conversation, Guid userId, PreparedTurn turn)
    {
        logger.LogInformation(
            "Turn started in conversation {ConversationId} on {Provider}/{Model} (message {MessageId})",
            conversation.Id, turn.Model.Provider, turn.Model.ModelId, live.AssistantMessageId);
        var ids = new AuditIds(userId, conversation.CourseId, conversation.WorkspaceId, conversation.Id, live.AssistantMessageId, turn.Model.Id);
        live.Completion = execution.RunInBackground(live, new TurnCall(turn.Endpoint, turn.Model.ModelId, turn.History, turn.Options, ids, turn.Slot));
    }
}
