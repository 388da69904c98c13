namespace Grimoire.Core.Workspaces;

/// <summary>A member's permission in a workspace. Ordered: a higher permission includes the lower ones.</summary>
public enum WorkspacePermission
{
    Viewer = 0,
    Editor = 1,
    Owner = 2,
}
