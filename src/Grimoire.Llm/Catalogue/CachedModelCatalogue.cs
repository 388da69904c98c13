using System.Collections.Concurrent;
using Grimoire.Llm.Wire;
using Microsoft.Extensions.Logging;

namespace Grimoire.Llm.Catalogue;

/// <summary>
/// Caches each provider's catalogue for a configured lifetime. A failed refresh keeps the last good list, marks the
/// snapshot stale and says why; callers never see an exception for a failed refresh.
/// </summary>
internal sealed class CachedModelCatalogue(TimeProvider time, TimeSpan lifetime, ILogger<CachedModelCatalogue> logger) : IDisposable
{
    private readonly ConcurrentDictionary<string, CatalogueSnapshot> snapshots = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim refresh = new(1, 1);

    public async Task<CatalogueSnapshot> GetAsync(IModelCatalogueSource source, ProviderEndpoint endpoint, CancellationToken cancellationToken)
    {
        var key = $"{source.ProviderKind}|{endpoint.BaseUrl}";
        if (snapshots.TryGetValue(key, out var cached) && !cached.IsStale && time.GetUtcNow() - cached.FetchedAt < lifetime)
        {
            return cached;
        }

        await this.refresh.WaitAsync(cancellationToken);
        try
        {
            if (snapshots.TryGetValue(key, out cached) && !cached.IsStale && time.GetUtcNow() - cached.FetchedAt < lifetime)
            {
                return cached;
            }

            try
            {
                var models = await source.FetchAsync(endpoint, cancellationToken);
                var fresh = new CatalogueSnapshot(source.ProviderKind, models, time.GetUtcNow());
                snapshots[key] = fresh;
                return fresh;
            }
            catch (ProviderException ex)
            {
                return Stale(key, source.ProviderKind, cached, ex.Failure.UserMessage);
            }
            catch (Exception ex) when (ex is HttpRequestException or System.Text.Json.JsonException or InvalidOperationException or FormatException)
            {
                return Stale(key, source.ProviderKind, cached, "The provider's model list could not be read.");
            }
        }
        finally
        {
            this.refresh.Release();
        }
    }

    private CatalogueSnapshot Stale(string key, string kind, CatalogueSnapshot? lastGood, string reason)
    {
        logger.LogWarning("Model catalogue refresh for {Provider} failed: {Reason}", kind, reason);
        var stale = lastGood is null
            ? new CatalogueSnapshot(kind, [], time.GetUtcNow(), true, reason)
            : lastGood with { IsStale = true, RefreshError = reason };
        snapshots[key] = stale with { FetchedAt = lastGood?.FetchedAt ?? DateTimeOffset.MinValue };
        return stale;
    }

    public void Dispose() => this.refresh.Dispose();
}
