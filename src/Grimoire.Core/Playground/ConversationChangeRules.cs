using Grimoire.Core.Access;
using Grimoire.Core.Data;
using Grimoire.Core.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace Grimoire.Core.Playground;

/// <summary>
/// Who may change what is already in a conversation (edit a message, branch from one — AC6.1, AC6.2, X2): an editor
/// of its workspace, while the course is not archived. Posting a new turn checks the same and enrollment (TurnRunner).
/// </summary>
internal static class ConversationChangeRules
{
    public const string NoAccess = "You can't change this conversation.";

    public const string CourseArchived = "This course is archived: its conversations can be read but not changed.";

    /// <summary>Null when <paramref name="userId"/> may change <paramref name="conversation"/>; otherwise why not, in words.</summary>
    public static async Task<string?> RefusalAsync(
        GrimoireDbContext db, WorkspaceAccess workspaceAccess, Guid userId, PlaygroundConversation conversation, CancellationToken cancellationToken)
    {
        if (!await workspaceAccess.HasPermissionAsync(userId, conversation.WorkspaceId, WorkspacePermission.Editor, cancellationToken))
        {
            return NoAccess;
        }

        return await db.Courses.AnyAsync(c => c.Id == conversation.CourseId && c.IsArchived, cancellationToken) ? CourseArchived : null;
    }

    /// <summary>The message and its conversation (untracked), or nulls when either does not exist.</summary>
    public static async Task<(PlaygroundMessage? Message, PlaygroundConversation? Conversation)> FindAsync(
        GrimoireDbContext db, Guid messageId, CancellationToken cancellationToken)
    {
        var message = await db.PlaygroundMessages.AsNoTracking().SingleOrDefaultAsync(m => m.Id == messageId, cancellationToken);
        var conversation = message is null
            ? null
            : await db.PlaygroundConversations.AsNoTracking().SingleOrDefaultAsync(c => c.Id == message.ConversationId, cancellationToken);
        return conversation is null ? (null, null) : (message, conversation);
    }
}
