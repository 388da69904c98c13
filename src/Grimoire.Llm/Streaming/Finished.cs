namespace Grimoire.Llm.Streaming;

/// <summary>The stream ended without a failure: stopped, hit the length limit, was filtered, or was cancelled.</summary>
public sealed record Finished(FinishReason Reason) : ChatEvent;
