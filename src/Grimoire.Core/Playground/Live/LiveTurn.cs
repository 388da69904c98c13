using Grimoire.Llm.Streaming;
using Grimoire.Llm.Wire;

namespace Grimoire.Core.Playground.Live;

/// <summary>
/// One answer while it streams, on the node that runs it (never handed to watchers: they get
/// <see cref="LiveTurnSnapshot"/>s through the hub). It wraps the turn's <see cref="ChatTurn"/> under a lock: the one
/// accumulation of the stream, read by the provider loop (checkpoints, the final write, the archive record) and by
/// <see cref="Snapshot"/> for watchers. Appending a delta is a lock and a string-builder append; the hub tells watchers
/// through their coalescing subscription, so a slow browser never slows the provider stream.
/// </summary>
public sealed class LiveTurn : IDisposable
{
    private readonly Lock gate = new();
    private readonly ChatTurn turn = new();
    private readonly CancellationTokenSource stop = new();
    private readonly Action<LiveTurn> changed;
    private DateTime? firstTokenAt;
    private LiveTurnPhase phase = LiveTurnPhase.Waiting;

    internal LiveTurn(Guid conversationId, Guid userMessageId, Guid assistantMessageId, DateTime startedAt, Action<LiveTurn> changed)
    {
        ConversationId = conversationId;
        UserMessageId = userMessageId;
        AssistantMessageId = assistantMessageId;
        StartedAt = startedAt;
        this.changed = changed;
    }

    public Guid ConversationId { get; }

    public Guid UserMessageId { get; }

    public Guid AssistantMessageId { get; }

    public DateTime StartedAt { get; }

    /// <summary>Cancelled when a <see cref="StopTurn"/> for this answer reaches this node.</summary>
    public CancellationToken StopToken => stop.Token;

    public bool StopRequested => stop.IsCancellationRequested;

    /// <summary>Set by the runner; awaited at shutdown so every turn writes its final state.</summary>
    public Task Completion { get; internal set; } = Task.CompletedTask;

    /// <summary>When the first thinking or answer token arrived, if one has.</summary>
    public DateTime? FirstTokenAt
    {
        get
        {
            lock (gate)
            {
                return firstTokenAt;
            }
        }
    }

    /// <summary>Cancels the provider call; the partial answer is kept, marked stopped. Reached through <see cref="ILiveTurnHub.RequestStopAsync"/>.</summary>
    internal void RequestStop()
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

    /// <summary>Folds one event into the turn. Watchers are told when what they see changed.</summary>
    public void Apply(ChatEvent chatEvent, DateTime now)
    {
        bool visible;
        lock (gate)
        {
            turn.Apply(chatEvent);
            switch (chatEvent)
            {
                case ThinkingDelta:
                    MarkFirstToken(now);
                    phase = LiveTurnPhase.Thinking;
                    visible = true;
                    break;
                case ThinkingBlockCompleted { Block.Kind: ThinkingBlockKind.Redacted }:
                    MarkFirstToken(now);
                    visible = true;
                    break;
                case TextDelta:
                    MarkFirstToken(now);
                    phase = LiveTurnPhase.Answering;
                    visible = true;
                    break;
                case UsageReported or Failed:
                    visible = true;
                    break;
                default:
                    visible = false;
                    break;
            }
        }

        if (visible)
        {
            changed(this);
        }
    }

    /// <summary>Reads the accumulated turn under the lock (what to checkpoint, store and archive).</summary>
    public T Read<T>(Func<ChatTurn, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        lock (gate)
        {
            return read(turn);
        }
    }

    public LiveTurnSnapshot Snapshot()
    {
        lock (gate)
        {
            return new LiveTurnSnapshot(
                ConversationId, UserMessageId, AssistantMessageId, phase, turn.Text, turn.Thinking,
                turn.ThinkingBlocks.Any(b => b.Kind == ThinkingBlockKind.Redacted), turn.Usage, turn.Failure, StartedAt, firstTokenAt);
        }
    }

    internal void MarkFinished()
    {
        lock (gate)
        {
            phase = LiveTurnPhase.Finished;
        }
    }

    private void MarkFirstToken(DateTime now) => firstTokenAt ??= now;

    public void Dispose() => stop.Dispose();
}
