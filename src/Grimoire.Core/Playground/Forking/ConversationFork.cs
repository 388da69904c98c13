namespace Grimoire.Core.Playground.Forking;

/// <summary>The outcome of <see cref="ConversationForks.ForkAsync"/>: the new branch, or why none was made.</summary>
/// <param name="Conversation">The branch (without its messages; open it with <see cref="ConversationStore.OpenAsync"/>), or null when refused.</param>
/// <param name="Refusal">Why nothing was created, in words for the student, or null.</param>
public sealed record ConversationFork(PlaygroundConversation? Conversation, string? Refusal)
{
    public bool Succeeded => Refusal is null;

    public static ConversationFork Refused(string reason) => new(null, reason);
}
