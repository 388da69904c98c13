using Grimoire.Llm.Catalogue;

namespace Grimoire.Llm.Simulated;

/// <summary>The simulated provider's fixed catalogue, as a catalogue source.</summary>
internal sealed class SimulatedModelCatalogue : IModelCatalogueSource
{
    public string ProviderKind => ProviderKinds.Simulated;

    public Task<IReadOnlyList<ModelInfo>> FetchAsync(ProviderEndpoint endpoint, CancellationToken cancellationToken) =>
        Task.FromResult(SimulatedModels.All);
}
