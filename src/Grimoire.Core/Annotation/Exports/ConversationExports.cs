using Grimoire.Core.Annotation.Snapshot;
using Grimoire.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Grimoire.Core.Annotation.Exports;

public enum ExportFormat
{
    Markdown,
    Json,
}

/// <summary>A file to download.</summary>
public sealed record ExportFile(string FileName, string ContentType, string Content);

/// <summary>Downloads of a conversation and of an annotated document (X8), for anyone who may read them. Singleton.</summary>
public sealed class ConversationExports(
    IDbContextFactory<GrimoireDbContext> contextFactory, ConversationRecords records, AnnotationAccess access,
    AnnotationDocuments documents, Highlights highlights, AnnotationMetrics metrics)
{
    public static bool TryParseFormat(string? format, out ExportFormat result)
    {
        (var ok, result) = format?.ToLowerInvariant() switch
        {
            "md" or "markdown" => (true, ExportFormat.Markdown),
            "json" => (true, ExportFormat.Json),
            _ => (false, ExportFormat.Markdown),
        };
        return ok;
    }

    public async Task<ExportFile> ConversationAsync(Guid userId, Guid conversationId, ExportFormat format, CancellationToken cancellationToken)
    {
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            var workspaceId = await db.PlaygroundConversations.Where(c => c.Id == conversationId).Select(c => (Guid?)c.WorkspaceId)
                .SingleOrDefaultAsync(cancellationToken) ?? throw AnnotationRefusedException.Gone();
            await access.RequireReadAsync(userId, workspaceId, cancellationToken);
        }

        var record = await records.ReadAsync(conversationId, cancellationToken) ?? throw AnnotationRefusedException.Gone();
        metrics.Downloaded(format.ToString().ToLowerInvariant());
        return Conversation(record, format);
    }

    /// <summary>The file for a record already read (the CLI reads as the operator).</summary>
    public static ExportFile Conversation(ConversationRecord record, ExportFormat format)
    {
        ArgumentNullException.ThrowIfNull(record);
        var name = "conversation-" + record.Id.ToString("N")[..12];
        return format == ExportFormat.Json
            ? new ExportFile(name + ".json", "application/json", record.ToJson())
            : new ExportFile(name + ".md", "text/markdown; charset=utf-8", ConversationMarkdown.Write(record));
    }

    public async Task<ExportFile> DocumentAsync(Guid userId, Guid workspaceId, Guid documentId, ExportFormat format, CancellationToken cancellationToken)
    {
        var view = await documents.OpenAsync(userId, workspaceId, documentId, cancellationToken);
        var list = await highlights.ListAsync(userId, documentId, cancellationToken);
        var d = view.Document;
        var facts = new DocumentFacts(d.Id, d.WorkspaceId, d.Title, d.Version, d.ConversationId, d.CreatedAt);
        var record = string.IsNullOrEmpty(d.SourceJson) ? null : ConversationRecord.FromJson(d.SourceJson);
        var name = "document-" + d.Id.ToString("N")[..12] + "-v" + d.Version;
        metrics.Downloaded(format.ToString().ToLowerInvariant());
        if (format == ExportFormat.Json)
        {
            return new ExportFile(name + ".json", "application/json", new DocumentJson(DocumentJson.SchemaId, facts, d.TextContent, record, list).ToJson());
        }

        var markdown = record is null
            ? "# " + d.Title + "\n\n" + d.TextContent + "\n"
            : ConversationMarkdown.Write(record, list, facts);
        return new ExportFile(name + ".md", "text/markdown; charset=utf-8", markdown);
    }
}
