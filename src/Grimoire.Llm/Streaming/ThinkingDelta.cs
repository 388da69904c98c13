namespace Grimoire.Llm.Streaming;

/// <summary>A piece of the model's thinking, to show live in the thinking panel.</summary>
public sealed record ThinkingDelta(string Text) : ChatEvent;
