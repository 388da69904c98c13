using Grimoire.Llm.Catalogue;

namespace Grimoire.Core.Courses.Admin;

/// <summary>What the instructor looks for in a provider's catalogue.</summary>
/// <param name="Provider">A provider kind, e.g. "openrouter" or "simulated".</param>
/// <param name="Search">Part of the model's id or name, any case.</param>
/// <param name="MaxOutputPricePerMillion">Only models whose output costs at most this (USD per million tokens).</param>
/// <param name="Limit">At most this many models come back (the full count is reported).</param>
public sealed record CatalogueQuery(
    string Provider,
    string? Search = null,
    bool NeedsThinking = false,
    bool NeedsVision = false,
    bool NeedsFiles = false,
    decimal? MaxOutputPricePerMillion = null,
    int Limit = 100);

/// <summary>One catalogue model, with the tier Grimoire suggests and whether the course already has it.</summary>
/// <param name="CourseModelId">The course's model row when the model is already on the allowlist.</param>
public sealed record CatalogueEntry(ModelInfo Model, CostTier SuggestedTier, bool TemperatureAllowedWithThinking, Guid? CourseModelId);

/// <summary>A filtered view of a provider's catalogue.</summary>
/// <param name="Matching">How many models matched before the limit was applied.</param>
/// <param name="IsStale">The last refresh failed: the list is the last good one and <paramref name="RefreshError"/> says why.</param>
public sealed record CatalogueView(
    string Provider,
    IReadOnlyList<CatalogueEntry> Models,
    int Matching,
    int TotalInCatalogue,
    DateTimeOffset FetchedAt,
    bool IsStale,
    string? RefreshError);
