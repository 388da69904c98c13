namespace Grimoire.Core.Playground.Live;

/// <summary>
/// The running turns, keyed by conversation, and the people watching them (X6, AC8.2). Every circuit viewing a
/// conversation subscribes; the turn publishes. This in-process contract is what a Redis or PostgreSQL
/// LISTEN/NOTIFY implementation replaces when Grimoire runs on several nodes.
/// </summary>
public interface ILiveTurnHub
{
    /// <summary>Registers a new turn, or returns null when the conversation already has one running.</summary>
    LiveTurn? TryBegin(Guid conversationId, Guid userMessageId, Guid assistantMessageId);

    /// <summary>The turn running in the conversation, if any.</summary>
    LiveTurn? Find(Guid conversationId);

    /// <summary>Marks the turn finished and tells the watchers to reload the stored messages.</summary>
    void Finish(LiveTurn turn);

    /// <summary>
    /// Watches a conversation. The reader yields a signal whenever something changed (coalesced: many changes
    /// between two reads are one signal); read the turn's <see cref="LiveTurn.Snapshot"/> or reload the messages.
    /// Dispose the subscription to stop watching.
    /// </summary>
    LiveSubscription Subscribe(Guid conversationId);

    /// <summary>Tells a conversation's watchers that its stored state changed (a rename, an edit, a new message).</summary>
    void NotifyChanged(Guid conversationId);

    /// <summary>Every turn running on this node.</summary>
    IReadOnlyCollection<LiveTurn> Running { get; }
}
