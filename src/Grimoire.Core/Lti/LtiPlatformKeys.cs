using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace Grimoire.Core.Lti;

/// <summary>
/// Each platform's public keys, fetched from its JWKS URL and cached; a token signed with a key id the cache does not
/// know makes one refetch (the platform rotated), one fetch at a time per URL. Every refetch follows a consumed login
/// state, so a stranger cannot make the tool hammer a platform.
/// </summary>
public sealed partial class LtiPlatformKeys(IHttpClientFactory httpClientFactory, ILogger<LtiPlatformKeys> logger)
{
    public const string HttpClientName = "Grimoire.Lti";

    private readonly ConcurrentDictionary<string, JsonWebKeySet> cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> fetches = new(StringComparer.Ordinal);

    /// <summary>The platform's key with this id, or null when even a fresh key set has none.</summary>
    /// <exception cref="LtiKeySetException">The key set could not be fetched or read.</exception>
    public async Task<SecurityKey?> FindAsync(string jwksUrl, string? keyId, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(jwksUrl, out var known) && Find(known, keyId) is { } key)
        {
            return key;
        }

        var gate = fetches.GetOrAdd(jwksUrl, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            // Another launch may have refetched while this one waited.
            if (cache.TryGetValue(jwksUrl, out var fresh) && !ReferenceEquals(fresh, known) && Find(fresh, keyId) is { } found)
            {
                return found;
            }

            var set = await FetchAsync(jwksUrl, cancellationToken);
            cache[jwksUrl] = set;
            LogFetched(jwksUrl, set.Keys.Count);
            return Find(set, keyId);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<JsonWebKeySet> FetchAsync(string jwksUrl, CancellationToken cancellationToken)
    {
        try
        {
            using var client = httpClientFactory.CreateClient(HttpClientName);
            using var response = await client.GetAsync(new Uri(jwksUrl), cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new LtiKeySetException($"The platform's key set at {jwksUrl} answered {(int)response.StatusCode}.");
            }

            return new JsonWebKeySet(await response.Content.ReadAsStringAsync(cancellationToken));
        }
        catch (Exception ex) when (ex is HttpRequestException or ArgumentException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new LtiKeySetException($"The platform's key set at {jwksUrl} could not be fetched or read.", ex);
        }
    }

    private static JsonWebKey? Find(JsonWebKeySet set, string? keyId) =>
        keyId is null
            ? set.Keys.Count == 1 ? set.Keys[0] : null
            : set.Keys.FirstOrDefault(k => string.Equals(k.Kid, keyId, StringComparison.Ordinal));

    [LoggerMessage(Level = LogLevel.Information, Message = "LTI platform key set fetched from {JwksUrl}: {Keys} key(s)")]
    private partial void LogFetched(string jwksUrl, int keys);
}

/// <summary>A platform's key set could not be fetched or read.</summary>
public sealed class LtiKeySetException : Exception
{
    public LtiKeySetException()
    {
    }

    public LtiKeySetException(string message)
        : base(message)
    {
    }

    public LtiKeySetException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
