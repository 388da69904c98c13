using Grimoire.Core.Accounts;

namespace Grimoire.Core.Playground.ClassShares;

/// <summary>
/// One student's read-only copy of a <see cref="ClassShare"/>: a conversation in a workspace of its own where the student
/// is a viewer. One row per share and student, kept even when the copy conversation is gone, so a copy is made once.
/// </summary>
public sealed class ClassShareCopy
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClassShareId { get; set; }

    public ClassShare? ClassShare { get; set; }

    public Guid StudentId { get; set; }

    public User? Student { get; set; }

    /// <summary>The copy; null once it is deleted.</summary>
    public Guid? ConversationId { get; set; }

    public DateTime CreatedAt { get; set; }
}
