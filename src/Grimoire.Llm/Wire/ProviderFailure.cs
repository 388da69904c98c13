namespace Grimoire.Llm.Wire;

/// <summary>
/// A failed call: the kind, a message a student can act on, whether trying again may help (and when), and the
/// HTTP status and provider's own message (credentials scrubbed) for the archive.
/// </summary>
public sealed record ProviderFailure(
    ProviderFailureKind Kind,
    string UserMessage,
    bool Retryable,
    TimeSpan? RetryAfter = null,
    int? StatusCode = null,
    string? ProviderMessage = null);
