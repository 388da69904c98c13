using System.Text;

namespace Grimoire.OpenRouterStandIn.Chat;

/// <summary>
/// One <c>POST /api/v1/chat/completions</c> as the stand-in received and answered it: the SHA-256 hash of the key
/// presented (never the key), the exact request body bytes, the status, and for answered calls the usage charged.
/// </summary>
public sealed record StandInChatCall(
    int Sequence,
    DateTimeOffset At,
    string? KeyHash,
    ReadOnlyMemory<byte> Body,
    int Status,
    string? ErrorMessage)
{
    /// <summary>The requested model, when the body named one.</summary>
    public string? Model { get; init; }

    public bool Stream { get; init; }

    /// <summary>The generation id sent as <c>X-Generation-Id</c> (answered calls only).</summary>
    public string? GenerationId { get; init; }

    public long PromptTokens { get; init; }

    /// <summary>Output tokens, reasoning tokens included (they are billed as output).</summary>
    public long CompletionTokens { get; init; }

    public long ReasoningTokens { get; init; }

    /// <summary>USD charged to the key; null for refused calls.</summary>
    public decimal? Cost { get; init; }

    public string BodyText => Encoding.UTF8.GetString(Body.Span);
}
