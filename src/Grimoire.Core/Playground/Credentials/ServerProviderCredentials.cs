using Grimoire.Llm;

namespace Grimoire.Core.Playground.Credentials;

/// <summary>
/// Providers that need no per-student key: the offline simulated provider, and an OpenAI-compatible server
/// configured by the operator. Keyed providers (OpenRouter, Anthropic) resolve to nothing until per-student keys
/// are minted by the instructor tools, which replace this registration.
/// </summary>
public sealed class ServerProviderCredentials : IProviderCredentials
{
    public Task<ProviderEndpoint?> ResolveAsync(Guid userId, Guid courseId, string provider, CancellationToken cancellationToken) =>
        Task.FromResult(provider switch
        {
            ProviderKinds.Simulated => new ProviderEndpoint(ProviderKinds.Simulated),
            ProviderKinds.OpenAICompatible => new ProviderEndpoint(ProviderKinds.OpenAICompatible),
            _ => null,
        });
}
