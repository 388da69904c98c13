using Grimoire.Core.Annotation.Snapshot;
using Grimoire.Core.Data;
using Grimoire.Core.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Grimoire.Core.Annotation;

/// <summary>An annotation document as one reader may see it.</summary>
public sealed record DocumentView(WorkspaceDocument Document, AnnotationRights Rights);

/// <summary>
/// "Annotate this conversation" (AC5.1): the conversation becomes an immutable, sanitised HTML document in its
/// workspace. Exporting again after a change makes a new version; an unchanged conversation gives its latest version
/// back. Singleton.
/// </summary>
public sealed class AnnotationDocuments(
    IDbContextFactory<GrimoireDbContext> contextFactory,
    AnnotationAccess access,
    ConversationRecords records,
    IMarkdownHtml markdown,
    AnnotationMetrics metrics,
    ILogger<AnnotationDocuments> logger)
{
    public async Task<WorkspaceDocument> AnnotateConversationAsync(Guid userId, Guid conversationId, CancellationToken cancellationToken)
    {
        var record = await records.ReadAsync(conversationId, cancellationToken) ?? throw AnnotationRefusedException.Gone();
        var rights = await access.RightsAsync(userId, record.WorkspaceId, cancellationToken);
        if (!rights.CanRead)
        {
            throw AnnotationRefusedException.Gone();
        }

        if (!rights.CanAnnotate)
        {
            throw AnnotationRefusedException.Forbidden("Only the workspace's owner and editors can export it for annotation.");
        }

        var html = ConversationHtml.Build(record, markdown);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var latest = await db.WorkspaceDocuments.AsNoTracking().Where(d => d.ConversationId == conversationId)
            .OrderByDescending(d => d.Version).FirstOrDefaultAsync(cancellationToken);
        if (latest is not null && latest.HtmlContent == html)
        {
            return latest;
        }

        var document = new WorkspaceDocument
        {
            WorkspaceId = record.WorkspaceId,
            Title = record.Title,
            SourceType = DocumentSourceTypes.Playground,
            HtmlContent = html,
            TextContent = DocumentHtml.TextOf(html),
            ConversationId = conversationId,
            Version = (latest?.Version ?? 0) + 1,
            CreatedByUserId = userId,
            SourceJson = record.ToJson(),
            SortOrder = await db.WorkspaceDocuments.CountAsync(d => d.WorkspaceId == record.WorkspaceId, cancellationToken),
            CreatedAt = record.ExportedAt,
        };
        db.WorkspaceDocuments.Add(document);
        await db.SaveChangesAsync(cancellationToken);
        metrics.DocumentExported();
        logger.LogInformation("User {UserId} exported conversation {ConversationId} as document {DocumentId} version {Version}",
            userId, conversationId, document.Id, document.Version);
        return document;
    }

    /// <summary>The document and the reader's rights; <see cref="AnnotationRefusedException.Gone"/> for anyone who may not read it.</summary>
    public async Task<DocumentView> OpenAsync(Guid userId, Guid workspaceId, Guid documentId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var document = await db.WorkspaceDocuments.AsNoTracking()
            .SingleOrDefaultAsync(d => d.Id == documentId && d.WorkspaceId == workspaceId, cancellationToken)
            ?? throw AnnotationRefusedException.Gone();
        var rights = await access.RequireReadAsync(userId, document.WorkspaceId, cancellationToken);
        return new DocumentView(document, rights);
    }

    /// <summary>The versions exported from one conversation, newest first, for someone who may read it.</summary>
    public async Task<IReadOnlyList<WorkspaceDocument>> VersionsAsync(Guid userId, Guid conversationId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var workspaceId = await db.PlaygroundConversations.Where(c => c.Id == conversationId).Select(c => (Guid?)c.WorkspaceId)
            .SingleOrDefaultAsync(cancellationToken) ?? throw AnnotationRefusedException.Gone();
        await access.RequireReadAsync(userId, workspaceId, cancellationToken);
        return await db.WorkspaceDocuments.AsNoTracking().Where(d => d.ConversationId == conversationId)
            .OrderByDescending(d => d.Version).ToListAsync(cancellationToken);
    }
}
