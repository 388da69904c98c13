using Microsoft.Extensions.AI;

namespace Grimoire.Llm.Streaming;

/// <summary>
/// A complete thinking block inside a <see cref="ChatResponseUpdate"/> or an assistant <see cref="ChatMessage"/>.
/// Adapters emit it when a block closes; put it back into the assistant message of the history to continue.
/// </summary>
public sealed class ThinkingBlockContent(ThinkingBlock block) : AIContent
{
    public ThinkingBlock Block { get; } = block ?? throw new ArgumentNullException(nameof(block));
}
