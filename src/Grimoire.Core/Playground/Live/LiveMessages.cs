namespace Grimoire.Core.Playground.Live;

/// <summary>
/// What the live hub carries between nodes (issue 16 item 5, docs/decisions/0002): value objects only, so a hub
/// over Redis or PostgreSQL LISTEN/NOTIFY can serialise every one. Watchers receive the first three through a
/// <see cref="LiveSubscription"/>; <see cref="StopTurn"/> goes only to the node that runs the turn.
/// </summary>
public abstract record LiveMessage(Guid ConversationId);

/// <summary>The running answer as it stands now (sent whenever it changed; a watcher may see only the latest).</summary>
public sealed record TurnProgressed(LiveTurnSnapshot Snapshot) : LiveMessage(Snapshot.ConversationId);

/// <summary>The turn ended; its stored message is the truth from now on.</summary>
public sealed record TurnFinished(Guid ConversationId, Guid AssistantMessageId) : LiveMessage(ConversationId);

/// <summary>The conversation's stored state changed (a rename, an edit, a branch, a new message): reload it.</summary>
public sealed record ConversationChanged(Guid ConversationId) : LiveMessage(ConversationId);

/// <summary>
/// Stop the answer running in <see cref="LiveMessage.ConversationId"/> — only if it is still
/// <paramref name="AssistantMessageId"/> when that is given (a stop meant for one answer never stops the next).
/// </summary>
public sealed record StopTurn(Guid ConversationId, Guid? AssistantMessageId = null) : LiveMessage(ConversationId);
