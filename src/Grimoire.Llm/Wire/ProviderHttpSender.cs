using Microsoft.Extensions.Logging;

namespace Grimoire.Llm.Wire;

/// <summary>
/// Sends an <see cref="OutgoingRequest"/> and returns the response once its headers arrive. A non-success status
/// becomes a <see cref="ProviderException"/>; 429/502/503 are retried at most once, before any token, and only
/// when the wait (<c>Retry-After</c> or the default) is within the configured bound.
/// </summary>
internal sealed class ProviderHttpSender(HttpClient http, string providerKind, string? secret, HttpCallSettings settings, ILogger logger)
{
    public async Task<HttpResponseMessage> SendAsync(OutgoingRequest outgoing, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            HttpResponseMessage response;
            using (var request = outgoing.CreateMessage())
            {
                using var headersTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                headersTimeout.CancelAfter(settings.HeadersTimeout);
                try
                {
                    response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, headersTimeout.Token);
                }
                catch (HttpRequestException ex) when (!cancellationToken.IsCancellationRequested)
                {
                    logger.LogWarning("{Provider}: could not reach {Host} ({Error})", providerKind, outgoing.Url.Host, ex.HttpRequestError);
                    throw new ProviderException(FailureMap.Network(outgoing.Url.Host));
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    logger.LogWarning("{Provider}: no response from {Host} within {Timeout}", providerKind, outgoing.Url.Host, settings.HeadersTimeout);
                    throw new ProviderException(FailureMap.Timeout());
                }
            }

            if (response.IsSuccessStatusCode)
            {
                logger.LogDebug("{Provider}: POST {Url} -> {Status}", providerKind, outgoing.Url, (int)response.StatusCode);
                return response;
            }

            using (response)
            {
                var status = (int)response.StatusCode;
                var retryAfter = RetryAfterHeader.Read(response.Headers, settings.Time);
                var wait = retryAfter ?? settings.Retry.DefaultDelay;
                if (attempt == 1 && FailureMap.IsRetryableStatus(status) && wait <= settings.Retry.MaxRetryAfter)
                {
                    logger.LogInformation("{Provider}: status {Status}, retrying once after {Wait}", providerKind, status, wait);
                    await Task.Delay(wait, settings.Time, cancellationToken);
                    continue;
                }

                var message = await ErrorBody.ReadMessageAsync(response.Content, secret, cancellationToken);
                logger.LogWarning("{Provider}: POST {Url} -> {Status}: {Message}", providerKind, outgoing.Url, status, message);
                throw new ProviderException(FailureMap.FromStatus(status, message, retryAfter, providerKind));
            }
        }
    }
}
