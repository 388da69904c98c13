using Grimoire.Core.Access;
using Grimoire.Core.Courses;
using Grimoire.Core.Data;
using Grimoire.Core.Playground.Credentials;
using Grimoire.Core.Playground.Live;
using Grimoire.Core.Workspaces;
using Grimoire.Llm;
using Grimoire.Llm.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Grimoire.Core.Playground.Turns;

/// <summary>
/// One turn of the playground: checks access, runs the pre-flight checks (X7), stores the student's message
/// before anything is sent, then streams the answer in the background so it survives the page that asked for
/// it (X6). <see cref="TurnExecution"/> does the streaming and the final write.
/// </summary>
public sealed class TurnRunner(
    IDbContextFactory<GrimoireDbContext> contextFactory,
    WorkspaceAccess workspaceAccess,
    CourseAccess courseAccess,
    IProviderCredentials credentials,
    ITokenCounter tokenCounter,
    StudentRateLimiter rateLimiter,
    ILiveTurnHub hub,
    TurnExecution execution,
    TimeProvider time,
    ILogger<TurnRunner> logger)
{
    public const string NoAccessToProvider = "Your instructor hasn't given you access to this provider yet.";

    public async Task<TurnStart> StartAsync(
        Guid userId, Guid conversationId, string text, string systemPrompt, TurnSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (string.IsNullOrWhiteSpace(text))
        {
            return TurnStart.Refused("Write a message first.");
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var conversation = await db.PlaygroundConversations.SingleOrDefaultAsync(c => c.Id == conversationId, cancellationToken);
        if (conversation is null
            || !await workspaceAccess.HasPermissionAsync(userId, conversation.WorkspaceId, WorkspacePermission.Editor, cancellationToken)
            || !await courseAccess.HasRoleAsync(userId, conversation.CourseId, CourseRole.Student, cancellationToken))
        {
            return TurnStart.Refused("You can't post in this conversation.");
        }

        var model = await db.CourseModelConfigs.AsNoTracking()
            .SingleOrDefaultAsync(m => m.Id == settings.ModelConfigId && m.CourseId == conversation.CourseId, cancellationToken);
        if (model is null || !model.IsEnabled)
        {
            return TurnStart.Refused("That model is not available in this course. Pick one from the list.");
        }

        if (await db.Courses.AnyAsync(c => c.Id == conversation.CourseId && c.IsArchived, cancellationToken))
        {
            return TurnStart.Refused("This course is archived: its conversations can be read but not continued.");
        }

        var (options, parameters, optionsRefusal) = TurnOptionsBuilder.Build(model, settings, systemPrompt);
        if (optionsRefusal is not null)
        {
            return TurnStart.Refused(optionsRefusal);
        }

        var endpoint = await credentials.ResolveAsync(userId, conversation.CourseId, model.Provider, cancellationToken);
        if (endpoint is null)
        {
            return TurnStart.Refused(NoAccessToProvider);
        }

        var stored = await db.PlaygroundMessages.AsNoTracking()
            .Where(m => m.ConversationId == conversationId).OrderBy(m => m.Sequence).ToListAsync(cancellationToken);
        var history = HistoryBuilder.Build(stored, model.Provider, model.ModelId);
        history.Add(new ChatMessage(ChatRole.User, text));
        if (ContextRefusal(model, history, systemPrompt, options!.MaxOutputTokens ?? 0) is { } tooLong)
        {
            return TurnStart.Refused(tooLong);
        }

        if (rateLimiter.TryAcquire(userId) is { } slowDown)
        {
            return TurnStart.Refused(slowDown);
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
            Provider = model.Provider, Model = model.ModelId, ModelConfigId = model.Id, ParametersJson = parameters!.ToJson(),
            AuthorUserId = userId, CreatedAt = now,
        };

        var live = hub.TryBegin(conversationId, userMessage.Id, answer.Id);
        if (live is null)
        {
            return TurnStart.Refused("An answer is still arriving in this conversation. Stop it or wait for it to finish.");
        }

        try
        {
            conversation.SystemPrompt = systemPrompt;
            conversation.UpdatedAt = now;
            if (conversation.Title == ConversationStore.DefaultTitle)
            {
                conversation.Title = TitleFrom(text);
            }

            db.PlaygroundMessages.AddRange(userMessage, answer);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            hub.Finish(live);
            live.Dispose();
            throw;
        }

        logger.LogInformation(
            "Turn started in conversation {ConversationId} on {Provider}/{Model} (message {MessageId})",
            conversationId, model.Provider, model.ModelId, answer.Id);
        var ids = new Audit.AuditIds(userId, conversation.CourseId, conversation.WorkspaceId, conversationId, answer.Id, model.Id);
        live.Completion = execution.RunInBackground(live, new TurnCall(endpoint, model.ModelId, history, options, ids));
        return new TurnStart(userMessage.Id, answer.Id, null);
    }

    private string? ContextRefusal(CourseModelConfig model, List<ChatMessage> history, string systemPrompt, int maxTokens)
    {
        if (model.ContextLength is not { } context)
        {
            return null;
        }

        var estimate = tokenCounter.CountTokens(systemPrompt) + history.Sum(m => tokenCounter.CountTokens(m.Text)) + maxTokens;
        return estimate <= context
            ? null
            : $"This conversation is too long for {model.DisplayName}: about {estimate:N0} tokens with the answer's room, and it takes {context:N0}. "
              + "Lower max tokens, start a new conversation, or pick a model with a longer context.";
    }

    internal static string TitleFrom(string text)
    {
        var line = text.Trim().Split('\n', 2)[0].Trim();
        return line.Length <= 60 ? line : string.Concat(line.AsSpan(0, 59).TrimEnd(), "…");
    }
}
