using Grimoire.Core.Accounts;
using Grimoire.Core.Courses;

namespace Grimoire.Core.Playground.ClassShares;

/// <summary>
/// An instructor's conversation shared with the class (AC8.4): a frozen snapshot of its messages, of which every
/// student enrolled in the course gets a read-only copy (<see cref="ClassShareCopy"/>) in their own list.
/// </summary>
public sealed class ClassShare
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid CourseId { get; set; }

    public Course? Course { get; set; }

    /// <summary>The conversation that was shared; null once it is deleted (the copies stay, they are a snapshot).</summary>
    public Guid? SourceConversationId { get; set; }

    /// <summary>
    /// The snapshot taken at share time, in a workspace with no members (nobody's list shows it; course staff read it).
    /// Students enrolled later are copied from it. Null once the share is withdrawn.
    /// </summary>
    public Guid? SnapshotConversationId { get; set; }

    public Guid SharedByUserId { get; set; }

    public User? SharedBy { get; set; }

    /// <summary>The source's title at share time.</summary>
    public required string Title { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>When the instructor unshared it (or shared the conversation again, which replaces the share); null while active.</summary>
    public DateTime? WithdrawnAt { get; set; }

    public List<ClassShareCopy> Copies { get; set; } = [];
}
