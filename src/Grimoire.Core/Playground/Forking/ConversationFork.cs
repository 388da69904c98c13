namespace Grimoire.Core.Playground.Forking;

/// <summary>
/// The outcome of <see cref="ConversationForks.ForkAsync"/>: the new branch. A refused branch throws instead
/// (<see cref="PlaygroundRefusedException"/>, <see cref="PlaygroundLimitException"/>), with nothing created.
/// </summary>
/// <param name="Conversation">The branch (without its messages; open it with <see cref="ConversationStore.OpenAsync"/>).</param>
public sealed record ConversationFork(PlaygroundConversation Conversation);
