using Grimoire.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Grimoire.Core.Annotation;

public sealed record CommentView(Guid Id, string Author, Guid AuthorUserId, string Text, DateTime CreatedAt);

/// <summary>A highlight as the page shows it; <see cref="IsAnchored"/> is false when its anchor no longer fits the text.</summary>
public sealed record HighlightView(
    Guid Id, int Start, int End, string Quote, Guid TagId, string TagName, string TagColour,
    Guid AuthorUserId, string Author, DateTime CreatedAt, bool IsAnchored, IReadOnlyList<CommentView> Comments);

/// <summary>
/// Highlights and their comments on one document. Owner and editors highlight and comment; course staff comment;
/// viewers read. Every call checks through <see cref="AnnotationAccess"/>. Singleton.
/// </summary>
public sealed class Highlights(
    IDbContextFactory<GrimoireDbContext> contextFactory, AnnotationAccess access, AnnotationMetrics metrics, TimeProvider time,
    ILogger<Highlights> logger, HighlightChanges changes)
{
    public async Task<IReadOnlyList<HighlightView>> ListAsync(Guid userId, Guid documentId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var document = await db.WorkspaceDocuments.AsNoTracking().Select(d => new { d.Id, d.WorkspaceId, d.TextContent })
            .SingleOrDefaultAsync(d => d.Id == documentId, cancellationToken) ?? throw AnnotationRefusedException.Gone();
        await access.RequireReadAsync(userId, document.WorkspaceId, cancellationToken);
        var highlights = await db.Highlights.AsNoTracking().Include(h => h.Tag).Include(h => h.Author)
            .Include(h => h.Comments).ThenInclude(c => c.Author)
            .Where(h => h.DocumentId == documentId).ToListAsync(cancellationToken);
        return highlights.OrderBy(h => h.StartOffset).ThenBy(h => h.CreatedAt).Select(h => new HighlightView(
            h.Id, h.StartOffset, h.EndOffset, h.QuotedText, h.TagId, h.Tag!.Name, h.Tag.Colour, h.AuthorUserId,
            h.Author?.DisplayName ?? "", h.CreatedAt, Anchor.Fits(document.TextContent, h),
            h.Comments.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
                .Select(c => new CommentView(c.Id, c.Author?.DisplayName ?? "", c.AuthorUserId, c.Text, c.CreatedAt)).ToList())).ToList();
    }

    /// <summary>
    /// Highlights [<paramref name="start"/>, <paramref name="end"/>) of the document's text (UTF-16 code units) with a
    /// tag of its workspace. <paramref name="quote"/> is what the browser saw selected: it must be exactly that text.
    /// </summary>
    public async Task<HighlightView> CreateAsync(
        Guid userId, Guid documentId, int start, int end, string quote, Guid tagId, string? comment, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var document = await db.WorkspaceDocuments.AsNoTracking().Select(d => new { d.Id, d.WorkspaceId, d.TextContent })
            .SingleOrDefaultAsync(d => d.Id == documentId, cancellationToken) ?? throw AnnotationRefusedException.Gone();
        var rights = await access.RequireReadAsync(userId, document.WorkspaceId, cancellationToken);
        if (!rights.CanAnnotate)
        {
            throw AnnotationRefusedException.Forbidden("Only the workspace's owner and editors can highlight.");
        }

        var text = document.TextContent;
        if (start < 0 || end <= start || end > text.Length || end - start > AnnotationLimits.MaxQuoteLength)
        {
            throw AnnotationRefusedException.Invalid("The selection is outside the document.");
        }

        if (!text.AsSpan(start, end - start).SequenceEqual(quote))
        {
            throw AnnotationRefusedException.Invalid("The selection does not match the document's text; reload the page and select again.");
        }

        var tag = await db.AnnotationTags.AsNoTracking().SingleOrDefaultAsync(t => t.Id == tagId && t.WorkspaceId == document.WorkspaceId, cancellationToken)
            ?? throw AnnotationRefusedException.Invalid("Choose one of this workspace's tags.");
        var now = time.GetUtcNow().UtcDateTime;
        var highlight = new Highlight
        {
            DocumentId = documentId, StartOffset = start, EndOffset = end, QuotedText = quote,
            Prefix = Anchor.PrefixOf(text, start), Suffix = Anchor.SuffixOf(text, end),
            TagId = tag.Id, AuthorUserId = userId, CreatedAt = now,
        };
        if (Normalise(comment) is { } first)
        {
            highlight.Comments.Add(new HighlightComment { AuthorUserId = userId, Text = first, CreatedAt = now });
        }

        db.Highlights.Add(highlight);
        await db.SaveChangesAsync(cancellationToken);
        metrics.HighlightCreated();
        changes.Publish(document.WorkspaceId);
        logger.LogInformation("User {UserId} highlighted {Length} characters of document {DocumentId}", userId, end - start, documentId);
        var author = await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName).SingleAsync(cancellationToken);
        return new HighlightView(highlight.Id, start, end, quote, tag.Id, tag.Name, tag.Colour, userId, author, now, true,
            highlight.Comments.Select(c => new CommentView(c.Id, author, userId, c.Text, c.CreatedAt)).ToList());
    }

    /// <summary>A comment or reply; owner, editors and course staff.</summary>
    public async Task<CommentView> CommentAsync(Guid userId, Guid highlightId, string text, CancellationToken cancellationToken)
    {
        var body = Normalise(text) ?? throw AnnotationRefusedException.Invalid("Write a comment first.");
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var workspaceId = await WorkspaceOfAsync(db, highlightId, cancellationToken);
        var rights = await access.RequireReadAsync(userId, workspaceId, cancellationToken);
        if (!rights.CanComment)
        {
            throw AnnotationRefusedException.Forbidden("Viewers of this workspace can read comments but not write them.");
        }

        var comment = new HighlightComment { HighlightId = highlightId, AuthorUserId = userId, Text = body, CreatedAt = time.GetUtcNow().UtcDateTime };
        db.HighlightComments.Add(comment);
        await db.SaveChangesAsync(cancellationToken);
        changes.Publish(workspaceId);
        var author = await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName).SingleAsync(cancellationToken);
        return new CommentView(comment.Id, author, userId, comment.Text, comment.CreatedAt);
    }

    /// <summary>Removes a highlight with its comments: its author, or the workspace's owner.</summary>
    public async Task DeleteAsync(Guid userId, Guid highlightId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var workspaceId = await WorkspaceOfAsync(db, highlightId, cancellationToken);
        var rights = await access.RequireReadAsync(userId, workspaceId, cancellationToken);
        var authorId = await db.Highlights.Where(h => h.Id == highlightId).Select(h => h.AuthorUserId).SingleAsync(cancellationToken);
        if (!rights.CanAnnotate || (authorId != userId && !rights.IsOwner))
        {
            throw AnnotationRefusedException.Forbidden("Only its author or the workspace's owner can remove a highlight.");
        }

        await db.Highlights.Where(h => h.Id == highlightId).ExecuteDeleteAsync(cancellationToken);
        changes.Publish(workspaceId);
    }

    private static async Task<Guid> WorkspaceOfAsync(GrimoireDbContext db, Guid highlightId, CancellationToken cancellationToken) =>
        await db.Highlights.Where(h => h.Id == highlightId)
            .Join(db.WorkspaceDocuments, h => h.DocumentId, d => d.Id, (h, d) => (Guid?)d.WorkspaceId)
            .SingleOrDefaultAsync(cancellationToken) ?? throw AnnotationRefusedException.Gone();

    private static string? Normalise(string? text)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        return trimmed.Length > AnnotationLimits.MaxCommentLength
            ? throw AnnotationRefusedException.Invalid($"A comment has at most {AnnotationLimits.MaxCommentLength} characters.")
            : trimmed;
    }
}

/// <summary>Anchor checks: the offsets still cover the quoted text, with the same context either side.</summary>
public static class Anchor
{
    public static string PrefixOf(string text, int start) => text[Math.Max(0, start - Highlight.ContextLength)..start];

    public static string SuffixOf(string text, int end) => text[end..Math.Min(text.Length, end + Highlight.ContextLength)];

    public static bool Fits(string text, Highlight highlight)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(highlight);
        var (start, end) = (highlight.StartOffset, highlight.EndOffset);
        return start >= 0 && end > start && end <= text.Length
            && text.AsSpan(start, end - start).SequenceEqual(highlight.QuotedText)
            && PrefixOf(text, start) == highlight.Prefix && SuffixOf(text, end) == highlight.Suffix;
    }
}
