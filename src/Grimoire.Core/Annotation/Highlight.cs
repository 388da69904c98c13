namespace Grimoire.Core.Annotation;

/// <summary>
/// A highlighted passage of a <see cref="Workspaces.WorkspaceDocument"/>: offsets into its
/// <see cref="Workspaces.WorkspaceDocument.TextContent"/> (UTF-16 code units, end exclusive) plus the quoted text and a
/// little context either side, so an anchor that no longer fits its text is detected.
/// </summary>
public sealed class Highlight
{
    public const int ContextLength = 24;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid DocumentId { get; set; }

    public int StartOffset { get; set; }

    public int EndOffset { get; set; }

    public required string QuotedText { get; set; }

    public string Prefix { get; set; } = "";

    public string Suffix { get; set; } = "";

    public Guid TagId { get; set; }

    public AnnotationTag? Tag { get; set; }

    public Guid AuthorUserId { get; set; }

    public Accounts.User? Author { get; set; }

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;

    public List<HighlightComment> Comments { get; set; } = [];
}

/// <summary>A comment on a highlight; later comments are the replies, in order.</summary>
public sealed class HighlightComment
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid HighlightId { get; set; }

    public Guid AuthorUserId { get; set; }

    public Accounts.User? Author { get; set; }

    public required string Text { get; set; }

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
}
