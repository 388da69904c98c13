using Grimoire.Core.Playground;

namespace Grimoire.Core.Audit;

/// <summary>
/// Whose record it is, written in every record's <c>ids</c> member: the person who acted (the student who asked, or
/// whoever edited), the course, workspace, conversation, message and course model concerned. Null ids are left out.
/// </summary>
public sealed record AuditIds(
    Guid? UserId = null,
    Guid? CourseId = null,
    Guid? WorkspaceId = null,
    Guid? ConversationId = null,
    Guid? MessageId = null,
    Guid? ModelConfigId = null)
{
    /// <summary>The ids of an action by <paramref name="userId"/> in <paramref name="conversation"/>, optionally on one message.</summary>
    public static AuditIds For(PlaygroundConversation conversation, Guid userId, Guid? messageId = null)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        return new AuditIds(userId, conversation.CourseId, conversation.WorkspaceId, conversation.Id, messageId);
    }
}
