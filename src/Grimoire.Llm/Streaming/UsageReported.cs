namespace Grimoire.Llm.Streaming;

/// <summary>Token counts and cost for the call, as the provider reported them.</summary>
public sealed record UsageReported(TokenUsage Usage) : ChatEvent;
