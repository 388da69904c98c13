using System.Text.Json;
using Grimoire.Core.Annotation.Snapshot;

namespace Grimoire.Core.Annotation.Exports;

public sealed record DocumentFacts(Guid Id, Guid WorkspaceId, string Title, int Version, Guid? ConversationId, DateTime CreatedAt);

/// <summary>An annotated document as JSON, schema <see cref="SchemaId"/> (docs/exports.md).</summary>
public sealed record DocumentJson(
    string Schema, DocumentFacts Document, string Text, ConversationRecord? Conversation, IReadOnlyList<HighlightView> Highlights)
{
    public const string SchemaId = "grimoire.annotated-document/v1";

    public string ToJson() => JsonSerializer.Serialize(this, ConversationRecord.JsonOptions);
}
