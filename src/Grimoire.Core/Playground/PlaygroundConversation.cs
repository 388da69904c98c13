using Grimoire.Core.Accounts;
using Grimoire.Core.Courses;
using Grimoire.Core.Workspaces;

namespace Grimoire.Core.Playground;

public sealed class PlaygroundConversation
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid WorkspaceId { get; set; }

    public Workspace? Workspace { get; set; }

    public Guid CourseId { get; set; }

    public Course? Course { get; set; }

    public Guid OwnerId { get; set; }

    public User? Owner { get; set; }

    public string Title { get; set; } = "New conversation";

    /// <summary>The prompt the next message will be sent with; each assistant message records its own.</summary>
    public string SystemPrompt { get; set; } = "";

    /// <summary>
    /// Users this conversation was shared with (AC8.4). Informational: access itself is always decided by
    /// <see cref="WorkspaceMember"/> rows (AC8.6).
    /// </summary>
    public List<Guid> SharedWithUserIds { get; set; } = [];

    /// <summary>
    /// The conversation this one was branched from (X2), or null. Set to null by the database when the source is
    /// deleted: a branch is a conversation of its own and outlives its source.
    /// </summary>
    public Guid? ForkedFromConversationId { get; set; }

    /// <summary>
    /// The message of the source the branch was taken at (the branch holds copies of it and everything before it),
    /// or null. Set to null by the database when that message or its conversation is deleted.
    /// </summary>
    public Guid? ForkedFromMessageId { get; set; }

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;

    public DateTime UpdatedAt { get; set; } = DateTime.UtcNow;

    public List<PlaygroundMessage> Messages { get; set; } = [];
}
