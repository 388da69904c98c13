using Grimoire.Llm.Wire;
using Microsoft.Extensions.AI;

namespace Grimoire.Llm.Streaming;

/// <summary>Maps one <see cref="ChatResponseUpdate"/> to events; remembers what it has announced.</summary>
internal sealed class ChatEventMapper
{
    private bool started;

    public FinishReason? FinishReason { get; private set; }

    public void Map(ChatResponseUpdate update, List<ChatEvent> sink)
    {
        if (!started && (update.ResponseId is not null || update.ModelId is not null))
        {
            started = true;
            sink.Add(new ResponseStarted(update.ResponseId, update.ModelId));
        }

        foreach (var content in update.Contents)
        {
            switch (content)
            {
                case TextContent text when text.Text.Length > 0:
                    sink.Add(new TextDelta(text.Text));
                    break;
                case TextReasoningContent reasoning when reasoning.Text.Length > 0:
                    sink.Add(new ThinkingDelta(reasoning.Text));
                    break;
                case ThinkingBlockContent block:
                    sink.Add(new ThinkingBlockCompleted(block.Block));
                    break;
                case UsageContent usage:
                    sink.Add(new UsageReported(usage.ToTokenUsage()));
                    break;
                case WireRequestContent wire:
                    sink.Add(new RequestSent(wire.Request));
                    break;
                default:
                    break;
            }
        }

        if (update.FinishReason is { } reason)
        {
            FinishReason = reason == ChatFinishReason.Length ? Streaming.FinishReason.Length
                : reason == ChatFinishReason.ContentFilter ? Streaming.FinishReason.Filtered
                : Streaming.FinishReason.Stop;
        }
    }
}
