using Grimoire.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Grimoire.Core.Playground;

/// <summary>A person's conversations, newest first, a page at a time (AC4.2).</summary>
public sealed class ConversationHistory(IDbContextFactory<GrimoireDbContext> contextFactory)
{
    public async Task<IReadOnlyList<ConversationSummary>> ListOwnedAsync(
        Guid ownerId, int skip, int take, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.PlaygroundConversations.AsNoTracking()
            .Where(c => c.OwnerId == ownerId)
            .OrderByDescending(c => c.UpdatedAt)
            .Skip(skip).Take(take)
            .Select(c => new ConversationSummary(c.Id, c.CourseId, c.Course!.Code, c.Title, c.UpdatedAt, c.Messages.Count))
            .ToListAsync(cancellationToken);
    }
}
