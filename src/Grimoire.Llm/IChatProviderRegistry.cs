using Grimoire.Llm.Catalogue;
using Microsoft.Extensions.AI;

namespace Grimoire.Llm;

/// <summary>The one entry point to the providers: chat clients and model catalogues by provider kind.</summary>
public interface IChatProviderRegistry
{
    /// <summary>
    /// A chat client for <paramref name="modelId"/> at <paramref name="endpoint"/>. Stream it with
    /// <see cref="Streaming.ChatEventStream.StreamEventsAsync"/> to get provider-neutral events.
    /// </summary>
    /// <exception cref="ArgumentException">The kind is unknown, or an OpenAI-compatible endpoint has no address.</exception>
    /// <exception cref="Wire.ProviderException">The provider needs a key and none was given (kind Unauthorized).</exception>
    IChatClient CreateClient(ProviderEndpoint endpoint, string modelId);

    /// <summary>The provider's model catalogue, cached; a failed refresh returns the last good list marked stale.</summary>
    Task<CatalogueSnapshot> GetModelsAsync(ProviderEndpoint endpoint, CancellationToken cancellationToken);
}
