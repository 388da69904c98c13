using Grimoire.Core.Courses;

namespace Grimoire.Web.Features.Courses.Allowlist;

/// <summary>One row of the course's model list as the Models tab shows it (a view of a <see cref="CourseModelConfig"/>, never the entity).</summary>
public sealed record CourseModelRow(
    Guid Id,
    string Provider,
    string ModelId,
    string DisplayName,
    bool IsEnabled,
    string PrivacyNotes,
    string HostingRegion,
    CostTier CostTier,
    bool SupportsThinking,
    bool SupportsVision,
    bool SupportsFiles,
    bool AllowsTemperatureWithThinking,
    int? ContextLength,
    decimal? InputPricePerMillion,
    decimal? OutputPricePerMillion,
    DateTime? CatalogueSnapshotAt)
{
    public static CourseModelRow From(CourseModelConfig model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new(model.Id, model.Provider, model.ModelId, model.DisplayName, model.IsEnabled, model.PrivacyNotes, model.HostingRegion,
            model.CostTier, model.SupportsThinking, model.SupportsVision, model.SupportsFiles, model.AllowsTemperatureWithThinking,
            model.ContextLength, model.InputPricePerMillion, model.OutputPricePerMillion, model.CatalogueSnapshotAt);
    }

    public static IReadOnlyList<CourseModelRow> From(IEnumerable<CourseModelConfig> models) => [.. models.Select(From)];
}
