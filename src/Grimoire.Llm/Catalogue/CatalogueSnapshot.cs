namespace Grimoire.Llm.Catalogue;

/// <summary>
/// A catalogue as last fetched. When a refresh failed, <see cref="IsStale"/> is true, <see cref="Models"/> is the
/// last good list (possibly empty) and <see cref="RefreshError"/> says what went wrong.
/// </summary>
public sealed record CatalogueSnapshot(
    string ProviderKind,
    IReadOnlyList<ModelInfo> Models,
    DateTimeOffset FetchedAt,
    bool IsStale = false,
    string? RefreshError = null)
{
    public ModelInfo? Find(string modelId) => Models.FirstOrDefault(m => string.Equals(m.Id, modelId, StringComparison.Ordinal));
}
