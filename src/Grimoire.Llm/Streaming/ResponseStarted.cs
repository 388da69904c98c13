namespace Grimoire.Llm.Streaming;

/// <summary>The provider accepted the call: its generation id (OpenRouter <c>X-Generation-Id</c>, Anthropic message id) and model.</summary>
public sealed record ResponseStarted(string? GenerationId, string? ModelId) : ChatEvent;
