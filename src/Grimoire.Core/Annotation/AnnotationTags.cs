using Grimoire.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Grimoire.Core.Annotation;

/// <summary>
/// A workspace's tags. The first read of a workspace's tags clones the default set into it, so each workspace can
/// change its own without touching another's. Singleton.
/// </summary>
public sealed class AnnotationTags(IDbContextFactory<GrimoireDbContext> contextFactory, AnnotationAccess access)
{
    /// <summary>The course default set (name, colour, description), in order.</summary>
    public static readonly IReadOnlyList<(string Name, string Colour, string Description)> Defaults =
    [
        ("Hallucination", "#e53935", "A claim the model invented: a source, a fact or a quote that does not exist."),
        ("Good reasoning", "#43a047", "A step that holds and is worth keeping."),
        ("Unsupported claim", "#fb8c00", "Stated as fact without evidence or a source."),
        ("Bias", "#8e24aa", "A one-sided framing or an assumption about people."),
        ("Question", "#1e88e5", "Something to follow up or ask in class."),
    ];

    public async Task<IReadOnlyList<AnnotationTag>> ListAsync(Guid userId, Guid workspaceId, CancellationToken cancellationToken)
    {
        await access.RequireReadAsync(userId, workspaceId, cancellationToken);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var tags = await db.AnnotationTags.AsNoTracking().Where(t => t.WorkspaceId == workspaceId)
            .OrderBy(t => t.SortOrder).ThenBy(t => t.Name).ToListAsync(cancellationToken);
        if (tags.Count > 0)
        {
            return tags;
        }

        tags = Defaults.Select((d, i) => new AnnotationTag
        {
            WorkspaceId = workspaceId, Name = d.Name, Colour = d.Colour, Description = d.Description, SortOrder = i,
        }).ToList();
        db.AnnotationTags.AddRange(tags);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another reader cloned them at the same moment (unique name per workspace): read theirs.
            await using var again = await contextFactory.CreateDbContextAsync(cancellationToken);
            return await again.AnnotationTags.AsNoTracking().Where(t => t.WorkspaceId == workspaceId)
                .OrderBy(t => t.SortOrder).ThenBy(t => t.Name).ToListAsync(cancellationToken);
        }

        return tags;
    }

    public async Task<AnnotationTag> CreateAsync(
        Guid userId, Guid workspaceId, string name, string colour, string? description, CancellationToken cancellationToken)
    {
        await RequireAnnotateAsync(userId, workspaceId, cancellationToken);
        name = (name ?? "").Trim();
        if (name.Length is 0 or > AnnotationLimits.MaxTagNameLength)
        {
            throw AnnotationRefusedException.Invalid($"A tag name has 1 to {AnnotationLimits.MaxTagNameLength} characters.");
        }

        if (!IsColour(colour))
        {
            throw AnnotationRefusedException.Invalid("A tag colour is written #rrggbb.");
        }

        var existing = await ListAsync(userId, workspaceId, cancellationToken);
        if (existing.Any(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            throw AnnotationRefusedException.Invalid("This workspace already has a tag with that name.");
        }

        var tag = new AnnotationTag
        {
            WorkspaceId = workspaceId, Name = name, Colour = colour.ToLowerInvariant(),
            Description = (description ?? "").Trim(), SortOrder = existing.Count == 0 ? 0 : existing.Max(t => t.SortOrder) + 1,
        };
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        db.AnnotationTags.Add(tag);
        await db.SaveChangesAsync(cancellationToken);
        return tag;
    }

    /// <summary>How many highlights deleting the tag would remove (the page asks before it deletes).</summary>
    public async Task<int> CountHighlightsAsync(Guid userId, Guid tagId, CancellationToken cancellationToken)
    {
        var tag = await FindAsync(tagId, cancellationToken);
        await access.RequireReadAsync(userId, tag.WorkspaceId, cancellationToken);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Highlights.CountAsync(h => h.TagId == tagId, cancellationToken);
    }

    /// <summary>Deletes the tag and every highlight that carries it.</summary>
    public async Task DeleteAsync(Guid userId, Guid tagId, CancellationToken cancellationToken)
    {
        var tag = await FindAsync(tagId, cancellationToken);
        await RequireAnnotateAsync(userId, tag.WorkspaceId, cancellationToken);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Highlights.Where(h => h.TagId == tagId).ExecuteDeleteAsync(cancellationToken);
        await db.AnnotationTags.Where(t => t.Id == tagId).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");

    internal static bool IsColour(string? colour) =>
        colour is { Length: 7 } && colour[0] == '#' && !colour.AsSpan(1).ContainsAnyExcept(HexDigits);

    private async Task<AnnotationTag> FindAsync(Guid tagId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.AnnotationTags.AsNoTracking().SingleOrDefaultAsync(t => t.Id == tagId, cancellationToken)
            ?? throw AnnotationRefusedException.Gone();
    }

    private async Task RequireAnnotateAsync(Guid userId, Guid workspaceId, CancellationToken cancellationToken)
    {
        var rights = await access.RequireReadAsync(userId, workspaceId, cancellationToken);
        if (!rights.CanAnnotate)
        {
            throw AnnotationRefusedException.Forbidden("Only the workspace's owner and editors can change its tags.");
        }
    }
}
