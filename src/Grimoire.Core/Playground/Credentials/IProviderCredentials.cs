using Grimoire.Llm;

namespace Grimoire.Core.Playground.Credentials;

/// <summary>
/// Resolves, server-side and at call time, how a student reaches a provider in a course. The plain key lives
/// only in the returned endpoint, for the one call. Null means the student has no access to that provider.
/// </summary>
public interface IProviderCredentials
{
    Task<ProviderEndpoint?> ResolveAsync(Guid userId, Guid courseId, string provider, CancellationToken cancellationToken);

    /// <summary>
    /// Why <see cref="ResolveAsync"/> found nothing, in words the student can act on (a paused or expired key), or
    /// null for the general "no access yet". Never names or hints at a key's value.
    /// </summary>
    Task<string?> ExplainNoAccessAsync(Guid userId, Guid courseId, string provider, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(null);
}
