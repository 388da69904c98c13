using Grimoire.Core.Playground;

namespace Grimoire.Web.Features.Playground.Messages;

/// <summary>
/// Everything a message card shows, already decided: components render this and nothing else.
/// Built by the playground session from a stored message or from a live turn's snapshot.
/// </summary>
public sealed record ChatMessageView
{
    public required Guid Id { get; init; }

    public required MessageRole Role { get; init; }

    /// <summary>Who wrote it (user messages) or the model's display name (assistant messages).</summary>
    public required string AuthorName { get; init; }

    /// <summary>Who asked for an answer (assistant messages): shown to the others while it streams (AC8.2).</summary>
    public string? AskedByName { get; init; }

    /// <summary>The id of who asked for an answer (assistant messages), or null.</summary>
    public Guid? AskedById { get; init; }

    /// <summary>Markdown as written by the student or the model. Untrusted.</summary>
    public required string Content { get; init; }

    /// <summary>The model's thinking as text, if any. Untrusted.</summary>
    public string? Thinking { get; init; }

    /// <summary>True when the provider returned (some) thinking only as an encrypted/redacted block.</summary>
    public bool HasRedactedThinking { get; init; }

    public MessageStatus Status { get; init; } = MessageStatus.Complete;

    /// <summary>Where a live answer is: waiting for the first token, thinking, or writing the answer.</summary>
    public LivePhase Phase { get; init; } = LivePhase.None;

    /// <summary>Shown for failed, cancelled and interrupted messages, in words a student can act on.</summary>
    public string? ErrorText { get; init; }

    /// <summary>Model, tokens, cost, parameters and timings (assistant messages only).</summary>
    public MessageByline? Byline { get; init; }

    /// <summary>The exact JSON body sent to the provider, credentials already absent (assistant messages only).</summary>
    public string? RequestJson { get; init; }

    /// <summary>The URL the request went to, for the request dialog.</summary>
    public string? RequestUrl { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime? EditedAt { get; init; }

    /// <summary>
    /// An edited answer that had thinking blocks: their signatures no longer match the text, so the thinking is not
    /// sent back to the model with the history any more (AC3.1, AC6.2).
    /// </summary>
    public bool ThinkingNotSentBack { get; init; }

    /// <summary>The message's files, shown as chips that open through the checked download endpoint (AC7.3).</summary>
    public IReadOnlyList<Core.Attachments.AttachmentReference> Attachments { get; init; } = [];

    public bool IsStreaming => Status == MessageStatus.Streaming;
}
