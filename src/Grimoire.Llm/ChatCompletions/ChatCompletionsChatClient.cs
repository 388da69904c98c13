using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Grimoire.Llm.Wire;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Grimoire.Llm.ChatCompletions;

/// <summary>
/// Streaming chat completions over <see cref="HttpClient"/> and <see cref="SseParser"/>: OpenRouter and any
/// OpenAI-compatible server. The first update carries the <see cref="WireRequest"/>; failures throw
/// <see cref="ProviderException"/> after whatever arrived has been yielded.
/// </summary>
internal sealed class ChatCompletionsChatClient(
    HttpClient http,
    ChatCompletionsProfile profile,
    string? apiKey,
    string modelId,
    HttpCallSettings settings,
    ILogger logger) : IChatClient
{
    private readonly ChatClientMetadata metadata = new(profile.ProviderName, profile.ChatUrl, modelId);

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var model = options?.ModelId ?? modelId;
        var body = ChatCompletionsRequestWriter.Write(messages, options, model, profile);
        var outgoing = new OutgoingRequest(profile.ChatUrl, body, Headers());
        yield return new ChatResponseUpdate(ChatRole.Assistant, [new WireRequestContent(outgoing.Wire)]);

        var sender = new ProviderHttpSender(http, profile.ProviderKind, apiKey, settings, logger);
        using var response = await sender.SendAsync(outgoing, cancellationToken);
        var generationId = response.Headers.TryGetValues("X-Generation-Id", out var ids) ? ids.FirstOrDefault() : null;
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);

        var parser = new ChatCompletionChunkParser();
        var mapper = new ChatCompletionsStreamMapper(profile, generationId);
        await using var items = SseParser.Create<ChatCompletionChunk>(stream, parser.Parse).EnumerateAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (await SseStreamReading.MoveNextAsync(items, cancellationToken))
        {
            if (mapper.Map(items.Current.Data) is { } update)
            {
                yield return update;
            }

            if (mapper.Failure is { } failure)
            {
                throw new ProviderException(SecretScrubber.Scrub(failure, apiKey));
            }

            if (mapper.IsDone)
            {
                break;
            }
        }

        if (mapper.Complete() is { } tail)
        {
            yield return tail;
        }

        if (!mapper.SawFinish)
        {
            logger.LogWarning("{Provider}: stream ended before a finish reason", profile.ProviderKind);
            throw new ProviderException(FailureMap.Interrupted());
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(ChatClientMetadata) ? metadata
        : serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
        // The HttpClient belongs to IHttpClientFactory.
    }

    private List<OutgoingHeader> Headers()
    {
        var headers = new List<OutgoingHeader>(4) { new("Accept", "text/event-stream") };
        if (!string.IsNullOrEmpty(apiKey))
        {
            headers.Add(new OutgoingHeader("Authorization", "Bearer " + apiKey, IsSecret: true));
        }

        headers.AddRange(profile.ExtraHeaders);
        return headers;
    }
}
