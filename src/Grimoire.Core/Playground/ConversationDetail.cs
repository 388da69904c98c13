using Grimoire.Core.Workspaces;

namespace Grimoire.Core.Playground;

/// <summary>A conversation as one person may see it: its messages in order and what they may do.</summary>
public sealed record ConversationDetail(
    PlaygroundConversation Conversation,
    IReadOnlyList<PlaygroundMessage> Messages,
    WorkspacePermission Permission)
{
    public bool CanWrite => Permission >= WorkspacePermission.Editor;
}
