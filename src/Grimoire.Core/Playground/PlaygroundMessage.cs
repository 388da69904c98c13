using Grimoire.Core.Accounts;

namespace Grimoire.Core.Playground;

public sealed class PlaygroundMessage
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ConversationId { get; set; }

    public PlaygroundConversation? Conversation { get; set; }

    /// <summary>Position in the conversation, from 0; unique per conversation.</summary>
    public int Sequence { get; set; }

    public MessageRole Role { get; set; }

    public string Content { get; set; } = "";

    public string? Thinking { get; set; }

    /// <summary>The provider's signature over the thinking (or a redacted block), sent back unchanged (AC3.1).</summary>
    public string? ThinkingSignature { get; set; }

    /// <summary>Provider model id the answer came from (assistant messages).</summary>
    public string? Model { get; set; }

    public string? Provider { get; set; }

    /// <summary>The course model the answer was asked of (null for user messages, or once the model is removed).</summary>
    public Guid? ModelConfigId { get; set; }

    /// <summary>Temperature, max tokens, thinking settings and system prompt as sent, as JSON.</summary>
    public string? ParametersJson { get; set; }

    public int? InputTokens { get; set; }

    public int? OutputTokens { get; set; }

    public int? ThinkingTokens { get; set; }

    /// <summary>USD, as reported by the provider or computed from the model's prices.</summary>
    public decimal? Cost { get; set; }

    public MessageStatus Status { get; set; }

    /// <summary>The exact JSON body sent to the provider (credentials travel in headers, never here) (AC1.4).</summary>
    public string? RequestBody { get; set; }

    /// <summary>The URL the request was sent to.</summary>
    public string? RequestUrl { get; set; }

    /// <summary>The provider's id for the generation (OpenRouter's X-Generation-Id), for the archive and support.</summary>
    public string? GenerationId { get; set; }

    /// <summary>Complete thinking blocks with signatures or redacted data, as JSON, sent back unchanged next turn (AC3.1).</summary>
    public string? ThinkingBlocksJson { get; set; }

    /// <summary>When the first thinking or answer token arrived.</summary>
    public DateTime? FirstTokenAt { get; set; }

    /// <summary>When the call ended (complete, stopped, failed or interrupted).</summary>
    public DateTime? FinishedAt { get; set; }

    public string? ErrorText { get; set; }

    /// <summary>Attachments in workspace file storage, as JSON (AC7.6).</summary>
    public string? FileReferencesJson { get; set; }

    /// <summary>Who wrote it (user messages) or asked for it (assistant messages).</summary>
    public Guid? AuthorUserId { get; set; }

    public User? AuthorUser { get; set; }

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;

    public DateTime? EditedAt { get; set; }
}
