namespace Grimoire.Llm.Streaming;

/// <summary>A piece of the answer text (Markdown).</summary>
public sealed record TextDelta(string Text) : ChatEvent;
