namespace Grimoire.Core.Annotation;

/// <summary>A tag a highlight carries ("hallucination", "good reasoning"); each workspace has its own set.</summary>
public sealed class AnnotationTag
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid WorkspaceId { get; set; }

    public required string Name { get; set; }

    /// <summary>A CSS hex colour, <c>#rrggbb</c>.</summary>
    public required string Colour { get; set; }

    public string Description { get; set; } = "";

    public int SortOrder { get; set; }

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
}
