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

    /// <summary>Sanitised HTML. Immutable once written: highlights anchor to offsets into its text (AC5.1).</summary>
    public string HtmlContent { get; set; } = "";

    /// <summary>
    /// The text highlights' offsets count in: every text node of <see cref="HtmlContent"/> parsed as HTML, in
    /// document order, as UTF-16 code units (the browser's <c>Node.textContent</c>). Derived on the server at export.
    /// </summary>
    public string TextContent { get; set; } = "";

    /// <summary>The conversation this document was exported from, or null (not a playground export, or deleted since).</summary>
    public Guid? ConversationId { get; set; }

    /// <summary>1 for the first export of a conversation; each re-export is a new document with the next version.</summary>
    public int Version { get; set; } = 1;

    public Guid? CreatedByUserId { get; set; }

    /// <summary>The conversation as exported, in the <c>grimoire.conversation/v1</c> JSON schema (docs/exports.md).</summary>
    public string SourceJson { get; set; } = "";

    public int SortOrder { get; set; }

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
}
