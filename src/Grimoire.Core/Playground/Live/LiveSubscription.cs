using System.Threading.Channels;

namespace Grimoire.Core.Playground.Live;

/// <summary>One watcher of one conversation. Signals are coalesced: at most one is pending at a time.</summary>
public sealed class LiveSubscription : IDisposable
{
    private readonly Channel<bool> signals = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private readonly Action<LiveSubscription> unsubscribe;

    internal LiveSubscription(Guid conversationId, Action<LiveSubscription> unsubscribe)
    {
        ConversationId = conversationId;
        this.unsubscribe = unsubscribe;
    }

    public Guid ConversationId { get; }

    /// <summary>Completes when disposed.</summary>
    public ChannelReader<bool> Signals => signals.Reader;

    internal void Signal() => signals.Writer.TryWrite(true);

    public void Dispose()
    {
        unsubscribe(this);
        signals.Writer.TryComplete();
    }
}
