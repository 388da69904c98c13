using Grimoire.Core.Playground.Forking;
using Grimoire.Core.Workspaces;

namespace Grimoire.Core.Playground;

/// <summary>A conversation as one person may see it: its messages in order, what they may do, and its branch links.</summary>
public sealed record ConversationDetail(
    PlaygroundConversation Conversation,
    IReadOnlyList<PlaygroundMessage> Messages,
    WorkspacePermission Permission)
{
    public bool CanWrite => Permission >= WorkspacePermission.Editor;

    /// <summary>Where this conversation was branched from and the branches taken from it (X2), as this person may see them.</summary>
    public ForkLinks Forks { get; init; } = ForkLinks.None;

    /// <summary>
    /// How many messages come after <paramref name="messageId"/> (0 for the last, or for an id not in the conversation).
    /// Regenerating an answer that is not the last leaves those messages as they were, answering the old text: the UI
    /// warns with this count and offers a branch instead (AC6.3, X2).
    /// </summary>
    public int CountMessagesAfter(Guid messageId)
    {
        var index = Messages.ToList().FindIndex(m => m.Id == messageId);
        return index < 0 ? 0 : Messages.Count - index - 1;
    }
}
