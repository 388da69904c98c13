using System.Globalization;
using System.Text.Json;
using Grimoire.Core.Data;
using Grimoire.Core.Playground;
using Microsoft.EntityFrameworkCore;

namespace Grimoire.Core.Annotation.Snapshot;

/// <summary>Reads a conversation into a <see cref="ConversationRecord"/>. No access check: callers check first.</summary>
public sealed class ConversationRecords(IDbContextFactory<GrimoireDbContext> contextFactory, TimeProvider time)
{
    public async Task<ConversationRecord?> ReadAsync(Guid conversationId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var conversation = await db.PlaygroundConversations.AsNoTracking()
            .Include(c => c.Owner).Include(c => c.Course)
            .SingleOrDefaultAsync(c => c.Id == conversationId, cancellationToken);
        if (conversation is null)
        {
            return null;
        }

        var messages = await db.PlaygroundMessages.AsNoTracking().Include(m => m.AuthorUser)
            .Where(m => m.ConversationId == conversationId && m.Status != MessageStatus.Streaming)
            .OrderBy(m => m.Sequence).ToListAsync(cancellationToken);
        return new ConversationRecord
        {
            Id = conversation.Id,
            Title = conversation.Title,
            WorkspaceId = conversation.WorkspaceId,
            CourseId = conversation.CourseId,
            CourseCode = conversation.Course?.Code ?? "",
            Owner = conversation.Owner?.DisplayName ?? "",
            SystemPrompt = conversation.SystemPrompt,
            CreatedAt = conversation.CreatedAt,
            ExportedAt = time.GetUtcNow().UtcDateTime,
            Messages = messages.Select(ToRecord).ToList(),
        };
    }

    private static MessageRecord ToRecord(PlaygroundMessage m) => new()
    {
        Id = m.Id,
        Sequence = m.Sequence,
        Role = m.Role == MessageRole.User ? "user" : "assistant",
        Author = m.AuthorUser?.DisplayName,
        Content = m.Content,
        Thinking = string.IsNullOrEmpty(m.Thinking) ? null : m.Thinking,
        Model = m.Model,
        Provider = m.Provider,
        InputTokens = m.InputTokens,
        OutputTokens = m.OutputTokens,
        ThinkingTokens = m.ThinkingTokens,
        Cost = m.Cost,
        Parameters = Parameters(m.ParametersJson),
        Status = m.Status.ToString().ToLowerInvariant(),
        Error = m.ErrorText,
        Attachments = Attachments(m.FileReferencesJson),
        CreatedAt = m.CreatedAt,
        EditedAt = m.EditedAt,
    };

    /// <summary>Top-level scalar parameters as text; the system prompt is left out (it heads the record).</summary>
    internal static IReadOnlyDictionary<string, string>? Parameters(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name.Contains("system", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var value = property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString(),
                    JsonValueKind.Number => property.Value.GetRawText(),
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    _ => null,
                };
                if (value is not null)
                {
                    result[property.Name] = value;
                }
            }

            return result.Count == 0 ? null : result;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Attachment names and sizes from the message's file references (AC7.6), read leniently.</summary>
    internal static IReadOnlyList<AttachmentRecord>? Attachments(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var result = new List<AttachmentRecord>();
            foreach (var item in document.RootElement.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                var name = Find(item, "name", "fileName") is { ValueKind: JsonValueKind.String } n ? n.GetString() : null;
                long? size = Find(item, "size", "sizeBytes", "length") is { ValueKind: JsonValueKind.Number } s && s.TryGetInt64(out var v) ? v : null;
                if (!string.IsNullOrEmpty(name))
                {
                    result.Add(new AttachmentRecord(name, size));
                }
            }

            return result.Count == 0 ? null : result;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static JsonElement? Find(JsonElement item, params string[] names)
    {
        foreach (var property in item.EnumerateObject())
        {
            if (names.Any(n => string.Equals(n, property.Name, StringComparison.OrdinalIgnoreCase)))
            {
                return property.Value;
            }
        }

        return null;
    }

    internal static string Size(long bytes) => bytes switch
    {
        < 1024 => bytes.ToString(CultureInfo.InvariantCulture) + " B",
        < 1024 * 1024 => (bytes / 1024.0).ToString("0.#", CultureInfo.InvariantCulture) + " KB",
        _ => (bytes / (1024.0 * 1024)).ToString("0.#", CultureInfo.InvariantCulture) + " MB",
    };
}
