using System.Globalization;
using System.Runtime.CompilerServices;
using Grimoire.Llm.Catalogue;
using Grimoire.Llm.ChatCompletions;
using Grimoire.Llm.Streaming;
using Grimoire.Llm.Tokens;
using Grimoire.Llm.Wire;
using Microsoft.Extensions.AI;

namespace Grimoire.Llm.Simulated;

/// <summary>
/// An offline model: deterministic for a prompt + seed, streams thinking then Markdown at a configurable pace,
/// reports usage from the real tokenizer and cost from fake prices, honours max tokens and cancellation, and fails
/// on purpose when the last user message starts with <c>/simulate</c> (see <see cref="SimulatedDirective"/>).
/// </summary>
internal sealed class SimulatedChatClient(SimulatedOptions simulated, ITokenCounter tokens, string modelId, TimeProvider time) : IChatClient
{
    private static readonly Uri WireUrl = new("simulated://grimoire.local/v1/chat/completions");

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var history = messages as IList<ChatMessage> ?? [.. messages];
        var id = options?.ModelId ?? modelId;
        var profile = new ChatCompletionsProfile(ProviderKinds.Simulated, "simulated", WireUrl, IsOpenRouter: true, null, []);
        var body = ChatCompletionsRequestWriter.Write(history, options, id, profile);
        yield return new ChatResponseUpdate(ChatRole.Assistant, [new WireRequestContent(new OutgoingRequest(WireUrl, body, []).Wire)]);

        var model = SimulatedModels.Find(id) ?? throw Fail(404, $"model '{id}' does not exist");
        var question = history.LastOrDefault(m => m.Role == ChatRole.User);
        var prompt = question?.Text ?? "";
        var directive = ParseDirective(prompt);
        var thinkingWanted = model.Capabilities.Thinking && options.WantsThinking();
        Validate(model, options, thinkingWanted);
        if (directive?.Status is { } status)
        {
            throw new ProviderException(FailureMap.FromStatus(status, "simulated failure", directive.RetryAfter, ProviderKinds.Simulated));
        }

        var random = new DeterministicRandom(prompt, options?.Seed ?? simulated.DefaultSeed);
        var responseId = "sim-" + random.Fingerprint.ToString("x16", CultureInfo.InvariantCulture);
        var topic = SimulatedText.Topic(prompt);
        var thinking = thinkingWanted ? SimulatedText.Thinking(random, topic) : "";
        var answer = SimulatedAttachments.Describe(question) + (directive?.LongShape is { } shape
            ? SimulatedLongText.Compose(random, shape, directive.LongLength)
            : SimulatedText.Answer(random, topic, model.Name));

        var inputTokens = tokens.CountTokens(options?.Instructions) + history.Sum(m => tokens.CountTokens(m.Text));
        var maxOutput = options?.MaxOutputTokens ?? model.MaxOutputTokens ?? ModelRules.DefaultMaxOutputTokens;
        var thinkingBudget = options.GetThinkingBudget() ?? maxOutput;
        long thinkingTokens = 0, textTokens = 0;
        var pieces = 0;
        var finish = directive?.Filtered == true ? ChatFinishReason.ContentFilter : ChatFinishReason.Stop;

        yield return Update(responseId, id);
        var thought = new System.Text.StringBuilder();
        foreach (var piece in SimulatedText.Pieces(thinking))
        {
            var n = tokens.CountTokens(piece);
            if (thinkingTokens + n > thinkingBudget || thinkingTokens + n > maxOutput)
            {
                break;
            }

            await PaceAsync(cancellationToken);
            thinkingTokens += n;
            thought.Append(piece);
            yield return Update(responseId, id, new TextReasoningContent(piece));
        }

        if (thought.Length > 0)
        {
            var signature = "sim-sig-" + random.Fingerprint.ToString("x16", CultureInfo.InvariantCulture);
            yield return Update(responseId, id, new ThinkingBlockContent(
                new ThinkingBlock(ThinkingBlockKind.Text, thought.ToString(), signature) { ProviderKind = ProviderKinds.Simulated }));
        }

        foreach (var piece in SimulatedText.Pieces(answer))
        {
            var n = tokens.CountTokens(piece);
            if (thinkingTokens + textTokens + n > maxOutput)
            {
                finish = ChatFinishReason.Length;
                break;
            }

            if (directive?.DropAfter is { } drop && pieces >= drop)
            {
                throw new ProviderException(FailureMap.Interrupted());
            }

            if (directive is { ErrorMidStream: true } && pieces >= 10)
            {
                throw new ProviderException(FailureMap.MidStream("simulated upstream error", null));
            }

            if (directive is { Filtered: true } && pieces >= 8)
            {
                break;
            }

            await PaceAsync(cancellationToken);
            textTokens += n;
            pieces++;
            yield return Update(responseId, id, new TextContent(piece));
        }

        var output = thinkingTokens + textTokens;
        var usage = new UsageDetails
        {
            InputTokenCount = inputTokens,
            OutputTokenCount = output,
            TotalTokenCount = inputTokens + output,
            ReasoningTokenCount = thinkingTokens,
            CachedInputTokenCount = 0,
        };
        var final = Update(responseId, id, UsageCost.Create(usage, model.Pricing.CostOf(inputTokens, output), CostSource.PriceList));
        final.FinishReason = finish;
        yield return final;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("simulated", WireUrl, modelId)
        : serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
        // Nothing to release.
    }

    private static SimulatedDirective? ParseDirective(string prompt)
    {
        try
        {
            return SimulatedDirective.Parse(prompt);
        }
        catch (FormatException ex)
        {
            throw Fail(400, ex.Message);
        }
    }

    /// <summary>The thinker behaves like Anthropic: no temperature with thinking, budget ≥ 1,024 and below max tokens.</summary>
    private static void Validate(ModelInfo model, ChatOptions? options, bool thinking)
    {
        if (!thinking)
        {
            return;
        }

        if (options?.Temperature is { } t && Math.Abs(t - 1f) > 1e-6 && !model.Capabilities.TemperatureAllowedWithThinking)
        {
            throw Fail(400, "`temperature` may only be set to 1 when thinking is enabled");
        }

        var max = options?.MaxOutputTokens ?? model.MaxOutputTokens ?? ModelRules.DefaultMaxOutputTokens;
        if (options.GetThinkingBudget() is { } budget && (budget < ModelRules.MinThinkingBudget || budget >= max))
        {
            throw Fail(400, "thinking.budget_tokens must be at least 1024 and less than max_tokens");
        }
    }

    private static ProviderException Fail(int status, string message) =>
        new(FailureMap.FromStatus(status, message, null, ProviderKinds.Simulated));

    private async Task PaceAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (simulated.DelayMs > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(simulated.DelayMs), time, cancellationToken);
        }
    }

    private static ChatResponseUpdate Update(string responseId, string model, AIContent? content = null) =>
        new(ChatRole.Assistant, content is null ? [] : [content]) { ResponseId = responseId, ModelId = model };
}
