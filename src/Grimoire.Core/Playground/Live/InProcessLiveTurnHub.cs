using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace Grimoire.Core.Playground.Live;

/// <summary>The single-node hub: turns and watchers in memory. Registered as a singleton.</summary>
public sealed class InProcessLiveTurnHub(TimeProvider time) : ILiveTurnHub
{
    private readonly ConcurrentDictionary<Guid, LiveTurn> turns = new();
    private readonly ConcurrentDictionary<Guid, ImmutableList<LiveSubscription>> watchers = new();

    public IReadOnlyCollection<LiveTurn> Running => [.. turns.Values];

    public LiveTurn? TryBegin(Guid conversationId, Guid userMessageId, Guid assistantMessageId)
    {
        var turn = new LiveTurn(conversationId, userMessageId, assistantMessageId, time.GetUtcNow().UtcDateTime,
            () => NotifyChanged(conversationId));
        if (!turns.TryAdd(conversationId, turn))
        {
            turn.Dispose();
            return null;
        }

        NotifyChanged(conversationId);
        return turn;
    }

    public LiveTurn? Find(Guid conversationId) => turns.TryGetValue(conversationId, out var turn) ? turn : null;

    public void Finish(LiveTurn turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        turn.MarkFinished();
        turns.TryRemove(new KeyValuePair<Guid, LiveTurn>(turn.ConversationId, turn));
        NotifyChanged(turn.ConversationId);
    }

    public LiveSubscription Subscribe(Guid conversationId)
    {
        var subscription = new LiveSubscription(conversationId, Unsubscribe);
        watchers.AddOrUpdate(conversationId, _ => [subscription], (_, list) => list.Add(subscription));
        return subscription;
    }

    public void NotifyChanged(Guid conversationId)
    {
        if (watchers.TryGetValue(conversationId, out var list))
        {
            foreach (var subscription in list)
            {
                subscription.Signal();
            }
        }
    }

    private void Unsubscribe(LiveSubscription subscription)
    {
        while (watchers.TryGetValue(subscription.ConversationId, out var list))
        {
            var updated = list.Remove(subscription);
            var swapped = updated.IsEmpty
                ? watchers.TryRemove(new KeyValuePair<Guid, ImmutableList<LiveSubscription>>(subscription.ConversationId, list))
                : watchers.TryUpdate(subscription.ConversationId, updated, list);
            if (swapped)
            {
                return;
            }
        }
    }
}
