using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Grimoire.Llm.Catalogue;
using Grimoire.Llm.Wire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grimoire.Llm.OpenRouter.Keys;

/// <summary>
/// <see cref="IOpenRouterKeyClient"/> over the provider layer's HTTP client. The management key goes out as a
/// header only; it is scrubbed from error text and never logged (the client's header logging is redacted).
/// A 429 is retried once, and a 502/503 once for every method but POST (a repeated POST could mint a second key),
/// only when the wait is within <c>Grimoire:Providers:Retry:MaxRetryAfter</c>.
/// </summary>
internal sealed class OpenRouterKeyClient(
    IHttpClientFactory httpClients,
    IOptions<GrimoireProvidersOptions> options,
    TimeProvider time,
    ILogger<OpenRouterKeyClient> logger) : IOpenRouterKeyClient
{
    public const string ManagementKeySetting = GrimoireProvidersOptions.SectionName + ":OpenRouter:ManagementKey";

    private GrimoireProvidersOptions Options => options.Value;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Options.OpenRouter.ManagementKey);

    public async Task<NewOpenRouterKey> CreateAsync(OpenRouterKeyCreate request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Name, nameof(request));
        using var doc = await SendAsync(HttpMethod.Post, "api/v1/keys", OpenRouterKeyJson.WriteCreate(request), false, cancellationToken);
        var (key, info) = OpenRouterKeyJson.ReadCreated(doc!.RootElement);
        if (key is not null && info is not null)
        {
            logger.LogInformation("OpenRouter key {Hash} minted", info.Hash);
            return new NewOpenRouterKey(key, info);
        }

        if (info is not null)
        {
            // Minted but the key itself is missing: nobody could ever use it, so do not leave it behind.
            await DeleteAsync(info.Hash, CancellationToken.None);
        }

        throw Unreadable();
    }

    public async Task<OpenRouterKeyPage> ListPageAsync(int offset, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        var path = "api/v1/keys?include_disabled=true&offset=" + offset.ToString(CultureInfo.InvariantCulture);
        using var doc = await SendAsync(HttpMethod.Get, path, null, false, cancellationToken);
        return new OpenRouterKeyPage(OpenRouterKeyJson.ReadList(doc!.RootElement) ?? throw Unreadable(), offset);
    }

    public async IAsyncEnumerable<OpenRouterKeyInfo> ListAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var offset = 0;
        while (true)
        {
            var page = await ListPageAsync(offset, cancellationToken);
            var fresh = page.Keys.Where(k => seen.Add(k.Hash)).ToList();
            foreach (var key in fresh)
            {
                yield return key;
            }

            // An empty page ends the listing; so does a page of keys already seen (a server ignoring the offset).
            if (fresh.Count == 0)
            {
                yield break;
            }

            offset = page.NextOffset;
        }
    }

    public async Task<OpenRouterKeyInfo?> GetAsync(string hash, CancellationToken cancellationToken)
    {
        using var doc = await SendAsync(HttpMethod.Get, KeyPath(hash), null, true, cancellationToken);
        return doc is null ? null : OpenRouterKeyJson.ReadData(doc.RootElement) ?? throw Unreadable();
    }

    public async Task<OpenRouterKeyInfo> UpdateAsync(string hash, OpenRouterKeyUpdate update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        using var doc = await SendAsync(HttpMethod.Patch, KeyPath(hash), OpenRouterKeyJson.WriteUpdate(update), false, cancellationToken);
        return OpenRouterKeyJson.ReadData(doc!.RootElement) ?? throw Unreadable();
    }

    public async Task<bool> DeleteAsync(string hash, CancellationToken cancellationToken)
    {
        using var doc = await SendAsync(HttpMethod.Delete, KeyPath(hash), null, true, cancellationToken);
        if (doc is null)
        {
            logger.LogInformation("OpenRouter key {Hash} was already gone", hash);
            return false;
        }

        logger.LogInformation("OpenRouter key {Hash} deleted", hash);
        return true;
    }

    public async Task<OpenRouterCredits> GetCreditsAsync(CancellationToken cancellationToken)
    {
        using var doc = await SendAsync(HttpMethod.Get, "api/v1/credits", null, false, cancellationToken);
        return OpenRouterKeyJson.ReadCredits(doc!.RootElement) ?? throw Unreadable();
    }

    private static string KeyPath(string hash)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(hash);
        return "api/v1/keys/" + Uri.EscapeDataString(hash);
    }

    /// <summary>Sends one call (retrying once where allowed); null only for a 404 when <paramref name="notFoundIsNull"/>.</summary>
    private async Task<JsonDocument?> SendAsync(HttpMethod method, string path, byte[]? body, bool notFoundIsNull, CancellationToken cancellationToken)
    {
        var managementKey = Options.OpenRouter.ManagementKey;
        if (string.IsNullOrWhiteSpace(managementKey))
        {
            throw new OpenRouterKeyApiException(OpenRouterKeyApiError.NotConfigured,
                $"No OpenRouter management key is configured: set {ManagementKeySetting} to a management (provisioning) key from OpenRouter's settings.");
        }

        var url = CatalogueHttp.Combine(Options.OpenRouter.BaseUrl, path);
        var routePath = url.AbsolutePath;
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, url);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", managementKey);
            if (body is not null)
            {
                request.Content = new ByteArrayContent(body);
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Options.HeadersTimeout);
            try
            {
                using var response = await httpClients.CreateClient(ChatProviderRegistry.HttpClientName)
                    .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                var status = (int)response.StatusCode;
                if (response.IsSuccessStatusCode)
                {
                    logger.LogDebug("OpenRouter keys: {Method} {Path} -> {Status}", method, routePath, status);
                    await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
                    return await JsonDocument.ParseAsync(stream, default, timeout.Token);
                }

                if (status == 404 && notFoundIsNull)
                {
                    return null;
                }

                var retryAfter = RetryAfterHeader.Read(response.Headers, time);
                var wait = retryAfter ?? Options.Retry.DefaultDelay;
                var retryable = status == 429 || (method != HttpMethod.Post && status is 502 or 503);
                if (attempt == 1 && retryable && wait <= Options.Retry.MaxRetryAfter)
                {
                    logger.LogInformation("OpenRouter keys: {Method} {Path} -> {Status}, retrying once after {Wait}", method, routePath, status, wait);
                    await Task.Delay(wait, time, cancellationToken);
                    continue;
                }

                var message = await ErrorBody.ReadMessageAsync(response.Content, managementKey, timeout.Token);
                logger.LogWarning("OpenRouter keys: {Method} {Path} -> {Status}: {Message}", method, routePath, status, message);
                throw Map(status, message, retryAfter);
            }
            catch (HttpRequestException ex) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning("OpenRouter keys: could not reach {Host} ({Error})", url.Host, ex.HttpRequestError);
                throw new OpenRouterKeyApiException(OpenRouterKeyApiError.Network, $"Could not reach OpenRouter at {url.Host}. Check the network and {GrimoireProvidersOptions.SectionName}:OpenRouter:BaseUrl.");
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning("OpenRouter keys: no answer from {Host} within {Timeout}", url.Host, Options.HeadersTimeout);
                throw new OpenRouterKeyApiException(OpenRouterKeyApiError.Network, "OpenRouter took too long to answer. Try again.");
            }
            catch (JsonException)
            {
                throw Unreadable();
            }
        }
    }

    private static OpenRouterKeyApiException Map(int status, string? providerMessage, TimeSpan? retryAfter)
    {
        var detail = string.IsNullOrWhiteSpace(providerMessage) ? "" : $": {providerMessage.Trim()}";
        var code = status.ToString(CultureInfo.InvariantCulture);
        return status switch
        {
            400 or 422 => new(OpenRouterKeyApiError.BadRequest, $"OpenRouter refused the request ({code}){detail}.", status),
            401 or 403 => new(OpenRouterKeyApiError.Unauthorized,
                $"OpenRouter rejected the management key ({code}). Check {ManagementKeySetting}: it must be a management (provisioning) key, not an ordinary API key.", status),
            404 => new(OpenRouterKeyApiError.NotFound, "OpenRouter has no key with this hash (404); it may have been deleted already.", status),
            429 => new(OpenRouterKeyApiError.RateLimited,
                retryAfter is { } wait
                    ? $"OpenRouter is rate limiting key management; try again in {Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture)} s."
                    : "OpenRouter is rate limiting key management; wait a moment and try again.",
                status, retryAfter),
            >= 500 => new(OpenRouterKeyApiError.Unavailable, $"OpenRouter had a problem ({code}); try again shortly.", status, retryAfter),
            _ => new(OpenRouterKeyApiError.Unexpected, $"OpenRouter answered with an unexpected status {code}{detail}.", status),
        };
    }

    private static OpenRouterKeyApiException Unreadable() =>
        new(OpenRouterKeyApiError.Unexpected, "OpenRouter sent an answer Grimoire could not read.");
}
