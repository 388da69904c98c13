using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace Grimoire.Core.Playground.Live;

/// <summary>
/// The single-node hub: turns and watchers in memory, messages delivered by method call. A snapshot is handed to a
/// watcher as a function and copied when it reads, so a token costs a signal, not a copy of the answer. Singleton.
/// </summary>
public sealed class InProcessLiveTurnHub(TimeProvider time) : ILiveTurnHub
{
    private readonly ConcurrentDictionary<Guid, LiveTurn> turns = new();
    private readonly ConcurrentDictionary<Guid, ImmutableList<LiveSubscription>> watchers = new();

    public IReadOnlyCollection<LiveTurn> Running => [.. turns.Values];

    public ValueTask<LiveTurn?> TryBeginAsync(Guid conversationId, Guid userMessageId, Guid assistantMessageId, CancellationToken cancellationToken)
    {
        var turn = new LiveTurn(conversationId, userMessageId, assistantMessageId, time.GetUtcNow().UtcDateTime, Progressed);
        if (!turns.TryAdd(conversationId, turn))
        {
            turn.Dispose();
            return ValueTask.FromResult<LiveTurn?>(null);
        }

        Progressed(turn);
        return ValueTask.FromResult<LiveTurn?>(turn);
    }

    public void Finish(LiveTurn turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        turn.MarkFinished();
        if (turns.TryRemove(new KeyValuePair<Guid, LiveTurn>(turn.ConversationId, turn)))
        {
            Send(new TurnFinished(turn.ConversationId, turn.AssistantMessageId));
        }
    }

    public LiveTurnSnapshot? Current(Guid conversationId) =>
        turns.TryGetValue(conversationId, out var turn) ? turn.Snapshot() : null;

    public LiveSubscription Subscribe(Guid conversationId)
    {
        var subscription = new LiveSubscription(conversationId, Unsubscribe);
        watchers.AddOrUpdate(conversationId, _ => [subscription], (_, list) => list.Add(subscription));
        return subscription;
    }

    public void NotifyChanged(Guid conversationId) => Send(new ConversationChanged(conversationId));

    public ValueTask<bool> RequestStopAsync(StopTurn request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        // The owner node is this one: route locally.
        if (!turns.TryGetValue(request.ConversationId, out var turn)
            || (request.AssistantMessageId is { } answer && answer != turn.AssistantMessageId))
        {
            return ValueTask.FromResult(false);
        }

        turn.RequestStop();
        return ValueTask.FromResult(true);
    }

    private void Progressed(LiveTurn turn)
    {
        if (watchers.TryGetValue(turn.ConversationId, out var list))
        {
            foreach (var subscription in list)
            {
                subscription.DeliverProgress(turn.Snapshot);
            }
        }
    }

    private void Send(LiveMessage message)
    {
        if (watchers.TryGetValue(message.ConversationId, out var list))
        {
            foreach (var subscription in list)
            {
                subscription.Deliver(message);
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
