namespace Grimoire.Llm.Streaming;

/// <summary>
/// A thinking block is complete, with its signature or redacted data. Store the block as it is and send it back
/// unchanged on the next turn (see <see cref="ChatTurn.ToAssistantMessage"/>).
/// </summary>
public sealed record ThinkingBlockCompleted(ThinkingBlock Block) : ChatEvent;
