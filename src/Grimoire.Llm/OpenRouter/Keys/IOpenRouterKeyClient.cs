namespace Grimoire.Llm.OpenRouter.Keys;

/// <summary>
/// OpenRouter's key-management API (<c>/api/v1/keys</c>), called with the management key from
/// <c>Grimoire:Providers:OpenRouter:ManagementKey</c>. Every failure is an <see cref="OpenRouterKeyApiException"/>
/// whose message is safe to show and log.
/// </summary>
public interface IOpenRouterKeyClient
{
    /// <summary>True when a management key is configured (says nothing about whether OpenRouter accepts it).</summary>
    bool IsConfigured { get; }

    /// <summary><c>POST /api/v1/keys</c>: mints a key. The plain key is returned this once only.</summary>
    Task<NewOpenRouterKey> CreateAsync(OpenRouterKeyCreate request, CancellationToken cancellationToken);

    /// <summary><c>GET /api/v1/keys?offset=N</c>: one page of keys with their usage, disabled keys included.</summary>
    Task<OpenRouterKeyPage> ListPageAsync(int offset, CancellationToken cancellationToken);

    /// <summary>Every key, page after page, until OpenRouter returns an empty page.</summary>
    IAsyncEnumerable<OpenRouterKeyInfo> ListAllAsync(CancellationToken cancellationToken);

    /// <summary><c>GET /api/v1/keys/{hash}</c>; null when OpenRouter has no such key.</summary>
    Task<OpenRouterKeyInfo?> GetAsync(string hash, CancellationToken cancellationToken);

    /// <summary><c>PATCH /api/v1/keys/{hash}</c>: renames, disables/enables or re-budgets a key.</summary>
    Task<OpenRouterKeyInfo> UpdateAsync(string hash, OpenRouterKeyUpdate update, CancellationToken cancellationToken);

    /// <summary>
    /// <c>DELETE /api/v1/keys/{hash}</c>: revokes a key permanently. False when OpenRouter had no such key (already
    /// deleted), so revoking twice is safe.
    /// </summary>
    Task<bool> DeleteAsync(string hash, CancellationToken cancellationToken);

    /// <summary>
    /// <c>GET /api/v1/credits</c>: the credits the management key's account bought and has used (USD), so a site admin
    /// sees what is left for every key it mints.
    /// </summary>
    Task<OpenRouterCredits> GetCreditsAsync(CancellationToken cancellationToken);
}
