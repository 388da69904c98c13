using Grimoire.Core.Data;
using Grimoire.Llm;
using Grimoire.Llm.Catalogue;
using Microsoft.EntityFrameworkCore;

namespace Grimoire.Core.Courses.Admin;

/// <summary>Searches a provider's model catalogue for models to add to a course (AC2.1). Instructors and site admins.</summary>
public sealed class CatalogueBrowser(
    IDbContextFactory<GrimoireDbContext> contextFactory,
    CourseAdminAccess access,
    IChatProviderRegistry registry)
{
    public async Task<CatalogueView> BrowseAsync(Guid actorId, Guid courseId, CatalogueQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await access.RequireManageAsync(actorId, courseId, cancellationToken);
        if (!ProviderKinds.IsKnown(query.Provider))
        {
            throw new CourseValidationException($"Unknown provider: choose one of {string.Join(", ", ProviderKinds.All)}.");
        }

        var snapshot = await registry.GetModelsAsync(new ProviderEndpoint(query.Provider), cancellationToken);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var onCourse = await db.CourseModelConfigs.AsNoTracking()
            .Where(m => m.CourseId == courseId && m.Provider == query.Provider)
            .ToDictionaryAsync(m => m.ModelId, m => m.Id, StringComparer.Ordinal, cancellationToken);

        var search = query.Search?.Trim() ?? "";
        var matching = snapshot.Models
            .Where(m => search.Length == 0
                || m.Id.Contains(search, StringComparison.OrdinalIgnoreCase)
                || m.Name.Contains(search, StringComparison.OrdinalIgnoreCase))
            .Where(m => !query.NeedsThinking || m.Capabilities.Thinking)
            .Where(m => !query.NeedsVision || m.Capabilities.Vision)
            .Where(m => !query.NeedsFiles || m.Capabilities.Files)
            .Where(m => query.MaxOutputPricePerMillion is not { } max || m.Pricing.OutputPerMillion <= max)
            .OrderBy(m => m.Name, StringComparer.OrdinalIgnoreCase).ThenBy(m => m.Id, StringComparer.Ordinal)
            .ToList();

        var entries = matching
            .Take(Math.Clamp(query.Limit, 1, 1000))
            .Select(m => new CatalogueEntry(
                m, CostTiers.Suggest(m.Pricing), ModelRules.TemperatureAllowedWithThinking(m),
                onCourse.TryGetValue(m.Id, out var id) ? id : null))
            .ToList();
        return new CatalogueView(
            query.Provider, entries, matching.Count, snapshot.Models.Count, snapshot.FetchedAt, snapshot.IsStale, snapshot.RefreshError);
    }
}
