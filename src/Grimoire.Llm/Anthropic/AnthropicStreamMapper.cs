using System.Text;
using System.Text.Json;
using Grimoire.Llm.Catalogue;
using Grimoire.Llm.Streaming;
using Grimoire.Llm.Wire;
using Microsoft.Extensions.AI;

namespace Grimoire.Llm.Anthropic;

/// <summary>
/// Maps Messages API stream events to updates: thinking and text deltas, each thinking or redacted block with its
/// signature or data when the block stops, usage and the stop reason at <c>message_stop</c>, and <c>error</c> events.
/// </summary>
internal sealed class AnthropicStreamMapper(ModelPricing pricing)
{
    private readonly Dictionary<int, BlockBuilder> blocks = [];
    private string? messageId;
    private string? model;
    private long inputTokens;
    private long cacheRead;
    private long cacheWrite;
    private long outputTokens;
    private string? stopReason;

    public bool IsDone { get; private set; }

    public ProviderFailure? Failure { get; private set; }

    public ChatResponseUpdate? Map(string eventType, JsonElement data)
    {
        var type = CatalogueHttp.String(data, "type") ?? eventType;
        return type switch
        {
            "message_start" => Start(data),
            "content_block_start" => BlockStart(data),
            "content_block_delta" => BlockDelta(data),
            "content_block_stop" => BlockStop(data),
            "message_delta" => MessageDelta(data),
            "message_stop" => Stop(),
            "error" => Error(data),
            _ => null,
        };
    }

    private ChatResponseUpdate Start(JsonElement data)
    {
        if (data.TryGetProperty("message", out var message))
        {
            messageId = CatalogueHttp.String(message, "id");
            this.model = CatalogueHttp.String(message, "model");
            if (message.TryGetProperty("usage", out var usage))
            {
                ReadUsage(usage);
            }
        }

        return Update(null);
    }

    private ChatResponseUpdate? BlockStart(JsonElement data)
    {
        var index = CatalogueHttp.Int(data, "index") ?? 0;
        if (!data.TryGetProperty("content_block", out var block))
        {
            return null;
        }

        switch (CatalogueHttp.String(block, "type"))
        {
            case "thinking":
                var thinking = new BlockBuilder(ThinkingBlockKind.Text);
                thinking.Text.Append(CatalogueHttp.String(block, "thinking"));
                thinking.Signature.Append(CatalogueHttp.String(block, "signature"));
                blocks[index] = thinking;
                return thinking.Text.Length > 0 ? Update(new TextReasoningContent(thinking.Text.ToString())) : null;
            case "redacted_thinking":
                var redacted = new BlockBuilder(ThinkingBlockKind.Redacted);
                redacted.Data = CatalogueHttp.String(block, "data");
                blocks[index] = redacted;
                return null;
            case "text" when CatalogueHttp.String(block, "text") is { Length: > 0 } text:
                return Update(new TextContent(text));
            default:
                return null;
        }
    }

    private ChatResponseUpdate? BlockDelta(JsonElement data)
    {
        var index = CatalogueHttp.Int(data, "index") ?? 0;
        if (!data.TryGetProperty("delta", out var delta))
        {
            return null;
        }

        switch (CatalogueHttp.String(delta, "type"))
        {
            case "thinking_delta" when CatalogueHttp.String(delta, "thinking") is { } thinking:
                if (blocks.TryGetValue(index, out var block))
                {
                    block.Text.Append(thinking);
                }

                return thinking.Length > 0 ? Update(new TextReasoningContent(thinking)) : null;
            case "signature_delta" when CatalogueHttp.String(delta, "signature") is { } signature:
                if (blocks.TryGetValue(index, out var signed))
                {
                    signed.Signature.Append(signature);
                }

                return null;
            case "text_delta" when CatalogueHttp.String(delta, "text") is { Length: > 0 } text:
                return Update(new TextContent(text));
            default:
                return null;
        }
    }

    private ChatResponseUpdate? BlockStop(JsonElement data)
    {
        var index = CatalogueHttp.Int(data, "index") ?? 0;
        if (!blocks.Remove(index, out var block))
        {
            return null;
        }

        var complete = new ThinkingBlock(
            block.Kind,
            block.Text.ToString(),
            block.Signature.Length > 0 ? block.Signature.ToString() : null,
            block.Data)
        {
            ProviderKind = ProviderKinds.Anthropic,
            Index = index,
        };
        return Update(new ThinkingBlockContent(complete));
    }

    private ChatResponseUpdate? MessageDelta(JsonElement data)
    {
        if (data.TryGetProperty("delta", out var delta) && CatalogueHttp.String(delta, "stop_reason") is { } reason)
        {
            stopReason = reason;
        }

        if (data.TryGetProperty("usage", out var usage))
        {
            ReadUsage(usage);
        }

        return null;
    }

    private ChatResponseUpdate Stop()
    {
        IsDone = true;
        var input = inputTokens + cacheRead + cacheWrite;
        var details = new UsageDetails
        {
            InputTokenCount = input,
            OutputTokenCount = outputTokens,
            TotalTokenCount = input + outputTokens,
            CachedInputTokenCount = cacheRead,
        };
        var cost = pricing.CostOf(input, outputTokens, cacheRead) + cacheWrite * pricing.InputPerMillion * 0.25m / 1_000_000m;
        var update = Update(UsageCost.Create(details, cost, CostSource.PriceList));
        update.FinishReason = stopReason switch
        {
            "max_tokens" => ChatFinishReason.Length,
            "refusal" => ChatFinishReason.ContentFilter,
            "tool_use" => ChatFinishReason.ToolCalls,
            _ => ChatFinishReason.Stop,
        };
        return update;
    }

    private ChatResponseUpdate? Error(JsonElement data)
    {
        var error = data.TryGetProperty("error", out var e) ? e : data;
        Failure = FailureMap.MidStream(CatalogueHttp.String(error, "message"), CatalogueHttp.String(error, "type"));
        return null;
    }

    private void ReadUsage(JsonElement usage)
    {
        inputTokens = Long(usage, "input_tokens") ?? inputTokens;
        cacheRead = Long(usage, "cache_read_input_tokens") ?? cacheRead;
        cacheWrite = Long(usage, "cache_creation_input_tokens") ?? cacheWrite;
        outputTokens = Long(usage, "output_tokens") ?? outputTokens;
    }

    private static long? Long(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : null;

    private ChatResponseUpdate Update(AIContent? content) =>
        new(ChatRole.Assistant, content is null ? [] : [content]) { ResponseId = messageId, ModelId = this.model };

    private sealed class BlockBuilder(ThinkingBlockKind kind)
    {
        public ThinkingBlockKind Kind { get; } = kind;
        public StringBuilder Text { get; } = new();
        public StringBuilder Signature { get; } = new();
        public string? Data { get; set; }
    }
}
