namespace Grimoire.Core.Playground.Live;

/// <summary>
/// The running turns, keyed by conversation, and the people watching them (X6, AC8.2), as a message contract
/// (issue 16 item 5, docs/decisions/0002-live-hub-messages.md). The node that runs a turn keeps its
/// <see cref="LiveTurn"/> to itself; everything else trades value messages (<see cref="LiveMessage"/>): watchers
/// receive snapshots, "turn finished" and "conversation changed" through a <see cref="LiveSubscription"/>, and a stop
/// is a <see cref="StopTurn"/> routed to the node that owns the turn. <see cref="InProcessLiveTurnHub"/> is the
/// single-node implementation; a Redis or PostgreSQL LISTEN/NOTIFY one can honour every member.
/// </summary>
public interface ILiveTurnHub
{
    // The node that runs the turn.

    /// <summary>
    /// Claims the conversation for a new turn on this node and returns its local handle, or null when the conversation
    /// already has a turn running (on any node). Watchers are sent its first snapshot.
    /// </summary>
    ValueTask<LiveTurn?> TryBeginAsync(Guid conversationId, Guid userMessageId, Guid assistantMessageId, CancellationToken cancellationToken);

    /// <summary>Releases the claim and sends the watchers <see cref="TurnFinished"/>.</summary>
    void Finish(LiveTurn turn);

    /// <summary>The turns running on this node (shutdown interrupts them and waits for their last write).</summary>
    IReadOnlyCollection<LiveTurn> Running { get; }

    // Anyone, on any node.

    /// <summary>The latest snapshot of the answer running in the conversation, wherever it runs; null when none runs.</summary>
    LiveTurnSnapshot? Current(Guid conversationId);

    /// <summary>
    /// Watches a conversation: <see cref="LiveSubscription.NextAsync"/> yields every message since the last read,
    /// coalesced. Dispose the subscription to stop watching.
    /// </summary>
    LiveSubscription Subscribe(Guid conversationId);

    /// <summary>Sends the conversation's watchers <see cref="ConversationChanged"/> (a rename, an edit, a new message).</summary>
    void NotifyChanged(Guid conversationId);

    /// <summary>
    /// Routes <paramref name="request"/> to the node that runs the turn, which stops it (the partial answer is kept,
    /// marked stopped). False when no matching turn runs. Rights are checked before, by <see cref="Turns.TurnStopper"/>.
    /// </summary>
    ValueTask<bool> RequestStopAsync(StopTurn request, CancellationToken cancellationToken);
}
