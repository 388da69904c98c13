using System.Text;
using Grimoire.Llm.Streaming;
using Grimoire.Llm.Wire;

namespace Grimoire.Core.Playground.Live;

/// <summary>
/// One answer while it streams. Appending a delta is a lock and a string-builder append; watchers are told
/// through their coalescing signal and read a <see cref="Snapshot"/> at their own pace, so a slow browser never
/// slows the provider stream.
/// </summary>
public sealed class LiveTurn : IDisposable
{
    private readonly Lock gate = new();
    private readonly StringBuilder text = new();
    private readonly StringBuilder thinking = new();
    private readonly CancellationTokenSource stop = new();
    private readonly Action notify;
    private bool hasRedactedThinking;
    private TokenUsage? usage;
    private ProviderFailure? failure;
    private DateTime? firstTokenAt;
    private LiveTurnPhase phase = LiveTurnPhase.Waiting;

    internal LiveTurn(Guid conversationId, Guid userMessageId, Guid assistantMessageId, DateTime startedAt, Action notify)
    {
        ConversationId = conversationId;
        UserMessageId = userMessageId;
        AssistantMessageId = assistantMessageId;
        StartedAt = startedAt;
        this.notify = notify;
    }

    public Guid ConversationId { get; }

    public Guid UserMessageId { get; }

    public Guid AssistantMessageId { get; }

    public DateTime StartedAt { get; }

    /// <summary>Cancelled when someone presses Stop.</summary>
    public CancellationToken StopToken => stop.Token;

    public bool StopRequested => stop.IsCancellationRequested;

    /// <summary>Set by the runner; awaited at shutdown so every turn writes its final state.</summary>
    public Task Completion { get; internal set; } = Task.CompletedTask;

    /// <summary>Stop button: cancels the provider call; the partial answer is kept, marked stopped.</summary>
    public void RequestStop()
    {
        try
        {
            stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already finished.
        }
    }

    /// <summary>Folds one event into the live state. Returns the time of the first token when this event was it.</summary>
    public DateTime? Apply(ChatEvent chatEvent, DateTime now)
    {
        DateTime? first = null;
        lock (gate)
        {
            switch (chatEvent)
            {
                case ThinkingDelta delta:
                    thinking.Append(delta.Text);
                    first = MarkFirstToken(now);
                    phase = LiveTurnPhase.Thinking;
                    break;
                case ThinkingBlockCompleted { Block.Kind: ThinkingBlockKind.Redacted }:
                    hasRedactedThinking = true;
                    first = MarkFirstToken(now);
                    break;
                case TextDelta delta:
                    text.Append(delta.Text);
                    first = MarkFirstToken(now);
                    phase = LiveTurnPhase.Answering;
                    break;
                case UsageReported reported:
                    usage = reported.Usage;
                    break;
                case Failed failed:
                    failure = failed.Failure;
                    break;
                default:
                    return null;
            }
        }

        notify();
        return first;
    }

    public LiveTurnSnapshot Snapshot()
    {
        lock (gate)
        {
            return new LiveTurnSnapshot(
                ConversationId, UserMessageId, AssistantMessageId, phase, text.ToString(), thinking.ToString(),
                hasRedactedThinking, usage, failure, StartedAt, firstTokenAt);
        }
    }

    internal void MarkFinished()
    {
        lock (gate)
        {
            phase = LiveTurnPhase.Finished;
        }
    }

    private DateTime? MarkFirstToken(DateTime now)
    {
        if (firstTokenAt is not null)
        {
            return null;
        }

        firstTokenAt = now;
        return now;
    }

    public void Dispose() => stop.Dispose();
}
