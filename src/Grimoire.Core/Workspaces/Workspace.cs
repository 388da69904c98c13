using Grimoire.Core.Courses;

namespace Grimoire.Core.Workspaces;

/// <summary>The unit of sharing: every conversation and document lives in one (AC4.5, AC8.6).</summary>
public sealed class Workspace
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public required string Title { get; set; }

    public Guid CourseId { get; set; }

    public Course? Course { get; set; }

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;

    public DateTime UpdatedAt { get; set; } = DateTime.UtcNow;

    public List<WorkspaceMember> Members { get; set; } = [];

    public List<WorkspaceDocument> Documents { get; set; } = [];
}
