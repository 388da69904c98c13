using Grimoire.Core.Accounts;
using Grimoire.Core.Playground.Messages;

namespace Grimoire.Core.Playground;

/// <summary>
/// One message of a conversation. It owns its life (issue 16 item 1): every field is set only by the factories and
/// transitions below — <see cref="Question"/>, <see cref="StartAnswer"/>, <see cref="Checkpoint"/>,
/// <see cref="Finish"/>, <see cref="MarkInterrupted"/>, <see cref="ResetForRegeneration"/>, <see cref="Edit"/> and
/// <see cref="CopyForBranch"/> — and each refuses a change its state does not allow
/// (<see cref="InvalidOperationException"/>: a bug in the caller, not a student's mistake). Making a final state
/// visible is <see cref="Recording.ConversationLedger"/>'s job: archive record first, then the database.
/// EF Core reads and writes the private setters.
/// </summary>
public sealed class PlaygroundMessage
{
    private PlaygroundMessage()
    {
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid ConversationId { get; private set; }

    public PlaygroundConversation? Conversation { get; private set; }

    /// <summary>Position in the conversation, from 0; unique per conversation.</summary>
    public int Sequence { get; private set; }

    public MessageRole Role { get; private set; }

    public string Content { get; private set; } = "";

    public string? Thinking { get; private set; }

    /// <summary>The provider's signature over the thinking (or a redacted block), sent back unchanged (AC3.1).</summary>
    public string? ThinkingSignature { get; private set; }

    /// <summary>Provider model id the answer came from (assistant messages).</summary>
    public string? Model { get; private set; }

    public string? Provider { get; private set; }

    /// <summary>The course model the answer was asked of (null for user messages, or once the model is removed).</summary>
    public Guid? ModelConfigId { get; private set; }

    /// <summary>Temperature, max tokens, thinking settings and system prompt as sent, as JSON.</summary>
    public string? ParametersJson { get; private set; }

    public int? InputTokens { get; private set; }

    public int? OutputTokens { get; private set; }

    public int? ThinkingTokens { get; private set; }

    /// <summary>USD, as reported by the provider or computed from the model's prices.</summary>
    public decimal? Cost { get; private set; }

    public MessageStatus Status { get; private set; }

    /// <summary>The exact JSON body sent to the provider (credentials travel in headers, never here) (AC1.4).</summary>
    public string? RequestBody { get; private set; }

    /// <summary>The URL the request was sent to.</summary>
    public string? RequestUrl { get; private set; }

    /// <summary>The provider's id for the generation (OpenRouter's X-Generation-Id), for the archive and support.</summary>
    public string? GenerationId { get; private set; }

    /// <summary>Complete thinking blocks with signatures or redacted data, as JSON, sent back unchanged next turn (AC3.1).</summary>
    public string? ThinkingBlocksJson { get; private set; }

    /// <summary>When the first thinking or answer token arrived.</summary>
    public DateTime? FirstTokenAt { get; private set; }

    /// <summary>When the call ended (complete, stopped, failed or interrupted).</summary>
    public DateTime? FinishedAt { get; private set; }

    public string? ErrorText { get; private set; }

    /// <summary>Attachments in workspace file storage, as JSON (AC7.6).</summary>
    public string? FileReferencesJson { get; private set; }

    /// <summary>Who wrote it (user messages) or asked for it (assistant messages).</summary>
    public Guid? AuthorUserId { get; private set; }

    public User? AuthorUser { get; private set; }

    public DateTime CreatedAt { get; private set; } = DateTime.UtcNow;

    public DateTime? EditedAt { get; private set; }

    /// <summary>Who made the last edit (several editors, issue 12 item 6: "changed meanwhile by …"); null when never edited.</summary>
    public Guid? EditedByUserId { get; private set; }

    /// <summary>A student's message, complete as written.</summary>
    public static PlaygroundMessage Question(
        Guid conversationId, int sequence, string text, Guid? authorUserId, DateTime at, string? fileReferencesJson = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new PlaygroundMessage
        {
            ConversationId = conversationId, Sequence = sequence, Role = MessageRole.User,
            Content = text, Status = MessageStatus.Complete, AuthorUserId = authorUserId, CreatedAt = at,
            FileReferencesJson = fileReferencesJson,
        };
    }

    /// <summary>An answer about to be asked of <paramref name="request"/>'s model: empty and <see cref="MessageStatus.Streaming"/>.</summary>
    public static PlaygroundMessage StartAnswer(
        Guid conversationId, int sequence, AnswerRequest request, Guid? authorUserId, DateTime at, string? fileReferencesJson = null)
    {
        var answer = new PlaygroundMessage
        {
            ConversationId = conversationId, Sequence = sequence, Role = MessageRole.Assistant,
            FileReferencesJson = fileReferencesJson,
        };
        answer.BeginAnswer(request, authorUserId, at);
        return answer;
    }

    /// <summary>
    /// Regeneration (AC6.3): the same row (id, position, conversation) made ready for a new answer — everything the old
    /// call produced is cleared and the message streams again. Only a finished answer can be reset.
    /// </summary>
    public void ResetForRegeneration(AnswerRequest request, Guid? authorUserId, DateTime at)
    {
        Require(Role == MessageRole.Assistant, "Only an answer can be regenerated.");
        Require(Status != MessageStatus.Streaming, "A streaming answer cannot be regenerated.");
        BeginAnswer(request, authorUserId, at);
    }

    /// <summary>The text and thinking that have arrived so far, so a crash loses at most one checkpoint interval.</summary>
    public void Checkpoint(string text, string? thinking)
    {
        ArgumentNullException.ThrowIfNull(text);
        Require(Status == MessageStatus.Streaming, "Only a streaming answer is checkpointed.");
        Content = text;
        Thinking = string.IsNullOrEmpty(thinking) ? null : thinking;
    }

    /// <summary>The answer's final state: complete, stopped, failed or interrupted, with whatever arrived.</summary>
    public void Finish(AnswerOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        Require(Status == MessageStatus.Streaming, "Only a streaming answer can finish.");
        Require(outcome.Status != MessageStatus.Streaming, "An answer finishes in a final state.");
        Checkpoint(outcome.Text, outcome.Thinking);
        Status = outcome.Status;
        ErrorText = outcome.ErrorText;
        ThinkingBlocksJson = outcome.ThinkingBlocksJson;
        ThinkingSignature = outcome.ThinkingSignature;
        InputTokens = outcome.InputTokens;
        OutputTokens = outcome.OutputTokens;
        ThinkingTokens = outcome.ThinkingTokens;
        Cost = outcome.Cost;
        RequestBody = outcome.RequestBody;
        RequestUrl = outcome.RequestUrl;
        GenerationId = outcome.GenerationId;
        FirstTokenAt = outcome.FirstTokenAt;
        FinishedAt = outcome.FinishedAt;
    }

    /// <summary>An answer a previous process left streaming (start-up sweep): what was checkpointed stays.</summary>
    public void MarkInterrupted(string errorText)
    {
        Require(Status == MessageStatus.Streaming, "Only a streaming answer can be interrupted.");
        Status = MessageStatus.Interrupted;
        ErrorText = errorText;
    }

    /// <summary>New text in place (AC6.1, AC6.2); never while the answer streams.</summary>
    public void Edit(string newContent, DateTime at, Guid? editedBy = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(newContent);
        Require(Status != MessageStatus.Streaming, "A streaming answer cannot be edited.");
        Content = newContent;
        EditedAt = at;
        EditedByUserId = editedBy;
    }

    /// <summary>A copy for a branch (X2): a new id in conversation <paramref name="branchId"/>, same position, every other field as it is.</summary>
    public PlaygroundMessage CopyForBranch(Guid branchId)
    {
        Require(Status != MessageStatus.Streaming, "A streaming answer cannot be copied.");
        var copy = (PlaygroundMessage)MemberwiseClone();
        copy.Id = Guid.CreateVersion7();
        copy.ConversationId = branchId;
        copy.Conversation = null; // keys are copied, loaded neighbours are not
        copy.AuthorUser = null;
        return copy;
    }

    private void BeginAnswer(AnswerRequest request, Guid? authorUserId, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(request);
        Status = MessageStatus.Streaming;
        Provider = request.Provider;
        Model = request.Model;
        ModelConfigId = request.ModelConfigId;
        ParametersJson = request.ParametersJson;
        AuthorUserId = authorUserId;
        CreatedAt = at;
        Content = "";
        Thinking = null;
        ThinkingSignature = null;
        ThinkingBlocksJson = null;
        InputTokens = null;
        OutputTokens = null;
        ThinkingTokens = null;
        Cost = null;
        RequestBody = null;
        RequestUrl = null;
        GenerationId = null;
        FirstTokenAt = null;
        FinishedAt = null;
        ErrorText = null;
        EditedAt = null;
        EditedByUserId = null;
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }
    }
}
