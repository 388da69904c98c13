using System.Text.Json;
using System.Text.Json.Serialization;

namespace Grimoire.Core.Annotation.Snapshot;

/// <summary>
/// Everything the playground shows of one conversation, frozen at one instant: the source of the annotation
/// snapshot and of the Markdown and JSON exports (schema <see cref="Schema"/>, documented in docs/exports.md).
/// </summary>
public sealed record ConversationRecord
{
    public const string Schema = "grimoire.conversation/v1";

    [JsonPropertyName("schema")]
    public string SchemaId { get; init; } = Schema;

    public required Guid Id { get; init; }

    public required string Title { get; init; }

    public required Guid WorkspaceId { get; init; }

    public required Guid CourseId { get; init; }

    public required string CourseCode { get; init; }

    public required string Owner { get; init; }

    public required string SystemPrompt { get; init; }

    public required DateTime CreatedAt { get; init; }

    public required DateTime ExportedAt { get; init; }

    public required IReadOnlyList<MessageRecord> Messages { get; init; }

    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    public static ConversationRecord FromJson(string json) =>
        JsonSerializer.Deserialize<ConversationRecord>(json, JsonOptions) ?? throw new InvalidDataException("Empty conversation record.");
}

public sealed record MessageRecord
{
    public required Guid Id { get; init; }

    public required int Sequence { get; init; }

    /// <summary><c>user</c> or <c>assistant</c>.</summary>
    public required string Role { get; init; }

    /// <summary>Who wrote it (user) or asked for it (assistant), by display name.</summary>
    public string? Author { get; init; }

    public required string Content { get; init; }

    public string? Thinking { get; init; }

    public string? Model { get; init; }

    public string? Provider { get; init; }

    public int? InputTokens { get; init; }

    public int? OutputTokens { get; init; }

    public int? ThinkingTokens { get; init; }

    public decimal? Cost { get; init; }

    /// <summary>Temperature, max tokens, thinking settings as sent (the system prompt is at the top of the record).</summary>
    public IReadOnlyDictionary<string, string>? Parameters { get; init; }

    public required string Status { get; init; }

    public string? Error { get; init; }

    public IReadOnlyList<AttachmentRecord>? Attachments { get; init; }

    public required DateTime CreatedAt { get; init; }

    public DateTime? EditedAt { get; init; }
}

public sealed record AttachmentRecord(string Name, long? Size);
