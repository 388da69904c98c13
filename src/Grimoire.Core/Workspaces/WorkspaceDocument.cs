namespace Grimoire.Core.Workspaces;

/// <summary>A document in a workspace, e.g. a conversation exported for annotation (AC5.1).</summary>
public sealed class WorkspaceDocument
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid WorkspaceId { get; set; }

    public Workspace? Workspace { get; set; }

    public required string Title { get; set; }

    /// <summary>Where the document came from, e.g. <see cref="DocumentSourceTypes.Playground"/>.</summary>
    public required string SourceType { get; set; }

    /// <summary>Sanitised HTML.</summary>
    public string HtmlContent { get; set; } = "";

    public int SortOrder { get; set; }

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
}
