namespace Grimoire.Core.Playground;

public sealed record ConversationSummary(Guid Id, Guid CourseId, string CourseCode, string Title, DateTime UpdatedAt, int MessageCount)
{
    /// <summary>
    /// Everyone in the conversation's workspace when it is shared (more than one member, AC8.1), owner first, as
    /// display names; empty for a conversation of one's own alone.
    /// </summary>
    public IReadOnlyList<string> SharedWith { get; init; } = [];

    public bool IsShared => SharedWith.Count > 0;

    /// <summary>The instructor's name when this is a read-only class copy (AC8.4): "Shared by &lt;name&gt;"; else null.</summary>
    public string? SharedBy { get; init; }
}
