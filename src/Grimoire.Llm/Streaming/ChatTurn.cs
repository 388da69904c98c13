using System.Text;
using Grimoire.Llm.Wire;
using Microsoft.Extensions.AI;

namespace Grimoire.Llm.Streaming;

/// <summary>
/// Accumulates one turn's events into what gets stored: thinking, blocks, text, usage, outcome and the wire request.
/// Feed it every event with <see cref="Apply"/>; it keeps the partial answer on cancel and failure.
/// </summary>
public sealed class ChatTurn
{
    private readonly StringBuilder thinking = new();
    private readonly StringBuilder text = new();
    private readonly List<ThinkingBlock> blocks = [];

    public WireRequest? Request { get; private set; }

    public string? GenerationId { get; private set; }

    public string? ModelId { get; private set; }

    /// <summary>All thinking text as it streamed (for display).</summary>
    public string Thinking => this.thinking.ToString();

    /// <summary>The complete thinking blocks, signatures included (for storage and the next turn).</summary>
    public IReadOnlyList<ThinkingBlock> ThinkingBlocks => this.blocks;

    public string Text => this.text.ToString();

    public TokenUsage? Usage { get; private set; }

    public FinishReason? FinishReason { get; private set; }

    public ProviderFailure? Failure { get; private set; }

    public ChatTurnStatus Status => Failure is not null ? ChatTurnStatus.Failed
        : FinishReason switch
        {
            null => ChatTurnStatus.Streaming,
            Streaming.FinishReason.Length => ChatTurnStatus.Truncated,
            Streaming.FinishReason.Filtered => ChatTurnStatus.Filtered,
            Streaming.FinishReason.Cancelled => ChatTurnStatus.Cancelled,
            _ => ChatTurnStatus.Complete,
        };

    public void Apply(ChatEvent chatEvent)
    {
        switch (chatEvent)
        {
            case RequestSent sent:
                Request = sent.Request;
                break;
            case ResponseStarted started:
                GenerationId = started.GenerationId;
                ModelId = started.ModelId;
                break;
            case ThinkingDelta thinking:
                this.thinking.Append(thinking.Text);
                break;
            case ThinkingBlockCompleted block:
                this.blocks.Add(block.Block);
                break;
            case TextDelta text:
                this.text.Append(text.Text);
                break;
            case UsageReported usage:
                Usage = usage.Usage;
                break;
            case Finished finished:
                FinishReason = finished.Reason;
                break;
            case Failed failed:
                Failure = failed.Failure;
                break;
            default:
                break;
        }
    }

    /// <summary>
    /// The assistant message to put in the history of the next call: the thinking blocks unchanged, then the text.
    /// </summary>
    public ChatMessage ToAssistantMessage()
    {
        var contents = new List<AIContent>(this.blocks.Count + 1);
        contents.AddRange(this.blocks.Select(b => new ThinkingBlockContent(b)));
        contents.Add(new TextContent(Text));
        return new ChatMessage(ChatRole.Assistant, contents);
    }
}
