namespace Grimoire.Core.Playground;

public sealed record ConversationSummary(Guid Id, Guid CourseId, string CourseCode, string Title, DateTime UpdatedAt, int MessageCount)
{
    /// <summary>The instructor's name when this is a read-only class copy (AC8.4): "Shared by &lt;name&gt;"; else null.</summary>
    public string? SharedBy { get; init; }
}
