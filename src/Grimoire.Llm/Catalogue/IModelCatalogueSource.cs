namespace Grimoire.Llm.Catalogue;

/// <summary>Fetches a provider's model list once (no caching; see <see cref="CachedModelCatalogue"/>).</summary>
internal interface IModelCatalogueSource
{
    string ProviderKind { get; }

    Task<IReadOnlyList<ModelInfo>> FetchAsync(ProviderEndpoint endpoint, CancellationToken cancellationToken);
}
