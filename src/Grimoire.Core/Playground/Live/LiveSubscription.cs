using System.Threading.Channels;

namespace Grimoire.Core.Playground.Live;

/// <summary>
/// One watcher of one conversation. Messages are coalesced into one pending <see cref="LiveUpdate"/>: a slow reader
/// gets the latest snapshot and whether to reload, never a backlog, so it never slows the provider stream.
/// </summary>
public sealed class LiveSubscription : IDisposable
{
    private readonly Channel<bool> signals = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private readonly Action<LiveSubscription> unsubscribe;
    private readonly Lock gate = new();
    private Func<LiveTurnSnapshot>? running;
    private bool storedStateChanged;

    internal LiveSubscription(Guid conversationId, Action<LiveSubscription> unsubscribe)
    {
        ConversationId = conversationId;
        this.unsubscribe = unsubscribe;
    }

    public Guid ConversationId { get; }

    /// <summary>
    /// Waits until something arrived, then returns everything since the last read, coalesced. Null once the
    /// subscription is disposed.
    /// </summary>
    public async ValueTask<LiveUpdate?> NextAsync(CancellationToken cancellationToken)
    {
        if (!await signals.Reader.WaitToReadAsync(cancellationToken))
        {
            return null;
        }

        signals.Reader.TryRead(out _);
        Func<LiveTurnSnapshot>? latest;
        bool reload;
        lock (gate)
        {
            (latest, reload) = (running, storedStateChanged);
            storedStateChanged = false;
        }

        return new LiveUpdate(latest?.Invoke(), reload);
    }

    /// <summary>Takes one message: a value, as a networked hub would receive it from the wire.</summary>
    internal void Deliver(LiveMessage message)
    {
        switch (message)
        {
            case TurnProgressed progressed:
                Update(() => progressed.Snapshot, reload: false);
                break;
            case TurnFinished:
                Update(null, reload: true);
                break;
            case ConversationChanged:
                Update(running: null, reload: true, keepRunning: true);
                break;
            default:
                break; // a stop request is for the node that runs the turn, not for watchers
        }
    }

    /// <summary>
    /// A <see cref="TurnProgressed"/> handed over as a function: the in-process hub copies the running text only
    /// when this watcher reads, not at every token.
    /// </summary>
    internal void DeliverProgress(Func<LiveTurnSnapshot> latest) => Update(latest, reload: false);

    private void Update(Func<LiveTurnSnapshot>? running, bool reload, bool keepRunning = false)
    {
        lock (gate)
        {
            if (!keepRunning)
            {
                this.running = running;
            }

            storedStateChanged |= reload;
        }

        signals.Writer.TryWrite(true);
    }

    public void Dispose()
    {
        unsubscribe(this);
        signals.Writer.TryComplete();
    }
}
