using System.Text;
using Grimoire.Core.Annotation.Pdf;
using Grimoire.Core.Annotation.Snapshot;
using Grimoire.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Grimoire.Core.Annotation.Exports;

public enum ExportFormat
{
    Markdown,
    Json,
    Pdf,
}

/// <summary>A file to download.</summary>
public sealed record ExportFile(string FileName, string ContentType, byte[] Bytes)
{
    public static ExportFile Text(string fileName, string contentType, string content) => new(fileName, contentType, Encoding.UTF8.GetBytes(content));

    /// <summary>The content read as UTF-8 (Markdown and JSON).</summary>
    public string Content => Encoding.UTF8.GetString(Bytes);
}

/// <summary>Downloads of a conversation and of an annotated document (X8), for anyone who may read them. Singleton.</summary>
public sealed class ConversationExports(
    IDbContextFactory<GrimoireDbContext> contextFactory, ConversationRecords records, AnnotationAccess access,
    AnnotationDocuments documents, Highlights highlights, IMarkdownHtml markdown, PdfPrinter printer, AnnotationMetrics metrics)
{
    public static bool TryParseFormat(string? format, out ExportFormat result)
    {
        (var ok, result) = format?.ToLowerInvariant() switch
        {
            "md" or "markdown" => (true, ExportFormat.Markdown),
            "json" => (true, ExportFormat.Json),
            "pdf" => (true, ExportFormat.Pdf),
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
        var file = await ConversationAsync(record, format, cancellationToken);
        metrics.Downloaded(format.ToString().ToLowerInvariant());
        return file;
    }

    /// <summary>The file for a record already read (the CLI reads as the operator).</summary>
    public async Task<ExportFile> ConversationAsync(ConversationRecord record, ExportFormat format, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var name = "conversation-" + record.Id.ToString("N")[..12];
        return format switch
        {
            ExportFormat.Json => ExportFile.Text(name + ".json", "application/json", record.ToJson()),
            ExportFormat.Pdf => new ExportFile(name + ".pdf", "application/pdf",
                await printer.PrintAsync(PrintableHtml.Build(record.Title, ConversationHtml.Build(record, markdown), []), cancellationToken)),
            _ => ExportFile.Text(name + ".md", "text/markdown; charset=utf-8", ConversationMarkdown.Write(record)),
        };
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
            return ExportFile.Text(name + ".json", "application/json", new DocumentJson(DocumentJson.SchemaId, facts, d.TextContent, record, list).ToJson());
        }

        if (format == ExportFormat.Pdf)
        {
            // The stored snapshot, exactly as the annotation page shows it, with the highlights drawn in.
            return new ExportFile(name + ".pdf", "application/pdf",
                await printer.PrintAsync(PrintableHtml.Build(d.Title, d.HtmlContent, list), cancellationToken));
        }

        var text = record is null
            ? "# " + d.Title + "\n\n" + d.TextContent + "\n"
            : ConversationMarkdown.Write(record, list, facts);
        return ExportFile.Text(name + ".md", "text/markdown; charset=utf-8", text);
    }
}
