using Grimoire.Core.Playground;

namespace Grimoire.Core.Audit;

/// <summary>A message as it was just before it was replaced or deleted.</summary>
public sealed record AuditMessageSnapshot(
    Guid MessageId,
    int Sequence,
    MessageRole Role,
    string Content,
    string? Thinking,
    MessageStatus Status,
    string? Model,
    Guid? AuthorUserId,
    DateTime CreatedAt,
    DateTime? EditedAt)
{
    public static AuditMessageSnapshot From(PlaygroundMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new AuditMessageSnapshot(
            message.Id, message.Sequence, message.Role, message.Content, message.Thinking, message.Status, message.Model,
            message.AuthorUserId, message.CreatedAt, message.EditedAt);
    }
}
