namespace Grimoire.Core.Audit;

/// <summary>One field of a message changed by an edit: its name (e.g. <c>content</c>, <c>thinking</c>), before and after.</summary>
public sealed record AuditChange(string Field, string? Before, string? After)
{
    public const string ContentField = "content";
    public const string ThinkingField = "thinking";

    public static AuditChange Content(string? before, string? after) => new(ContentField, before, after);

    public static AuditChange Thinking(string? before, string? after) => new(ThinkingField, before, after);
}
