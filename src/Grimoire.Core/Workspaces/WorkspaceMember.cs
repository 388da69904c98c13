using Grimoire.Core.Accounts;

namespace Grimoire.Core.Workspaces;

public sealed class WorkspaceMember
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid WorkspaceId { get; set; }

    public Workspace? Workspace { get; set; }

    public Guid UserId { get; set; }

    public User? User { get; set; }

    public WorkspacePermission Permission { get; set; }

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
}
