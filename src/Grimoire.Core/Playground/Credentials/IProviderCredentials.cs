using Grimoire.Llm;

namespace Grimoire.Core.Playground.Credentials;

/// <summary>
/// Resolves, server-side and at call time, how a student reaches a provider in a course. The plain key lives
/// only in the returned endpoint, for the one call. Null means the student has no access to that provider.
/// </summary>
public interface IProviderCredentials
{
    Task<ProviderEndpoint?> ResolveAsync(Guid userId, Guid courseId, string provider, CancellationToken cancellationToken);
}
