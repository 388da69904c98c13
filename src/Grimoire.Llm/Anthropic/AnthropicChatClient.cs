using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Grimoire.Llm.Catalogue;
using Grimoire.Llm.Wire;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Grimoire.Llm.Anthropic;

/// <summary>
/// Anthropic Messages API with extended thinking, straight over <see cref="HttpClient"/>: the same SSE reading,
/// wire capture, retry rule and failure map as the other adapters (see README for why not the SDK).
/// </summary>
internal sealed class AnthropicChatClient(
    HttpClient http,
    AnthropicOptions settingsFromConfig,
    Uri baseUrl,
    string apiKey,
    string modelId,
    HttpCallSettings settings,
    ILogger logger) : IChatClient
{
    private readonly Uri url = CatalogueHttp.Combine(baseUrl, "v1/messages");

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var model = options?.ModelId ?? modelId;
        var body = AnthropicRequestWriter.Write(messages, options, model, settingsFromConfig.DefaultMaxTokens);
        OutgoingHeader[] headers =
        [
            new("Accept", "text/event-stream"),
            new("x-api-key", apiKey, IsSecret: true),
            new("anthropic-version", settingsFromConfig.Version),
        ];
        var outgoing = new OutgoingRequest(url, body, headers);
        yield return new ChatResponseUpdate(ChatRole.Assistant, [new WireRequestContent(outgoing.Wire)]);

        var sender = new ProviderHttpSender(http, ProviderKinds.Anthropic, apiKey, settings, logger);
        using var response = await sender.SendAsync(outgoing, cancellationToken);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);

        var mapper = new AnthropicStreamMapper(AnthropicModelFacts.Describe(model, null).Pricing);
        await using var items = SseParser.Create(stream, ParseData).EnumerateAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (await SseStreamReading.MoveNextAsync(items, cancellationToken))
        {
            if (mapper.Map(items.Current.EventType, items.Current.Data) is { } update)
            {
                yield return update;
            }

            if (mapper.Failure is { } failure)
            {
                throw new ProviderException(SecretScrubber.Scrub(failure, apiKey));
            }

            if (mapper.IsDone)
            {
                yield break;
            }
        }

        logger.LogWarning("anthropic: stream ended before message_stop");
        throw new ProviderException(FailureMap.Interrupted());
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("anthropic", baseUrl, modelId)
        : serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
        // The HttpClient belongs to IHttpClientFactory.
    }

    private static JsonElement ParseData(string eventType, ReadOnlySpan<byte> data)
    {
        _ = eventType;
        var reader = new Utf8JsonReader(data);
        return JsonElement.ParseValue(ref reader);
    }
}
