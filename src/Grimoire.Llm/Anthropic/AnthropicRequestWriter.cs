using System.Buffers;
using System.Text;
using System.Text.Json;
using Grimoire.Llm.Streaming;
using Grimoire.Llm.Wire;
using Microsoft.Extensions.AI;

namespace Grimoire.Llm.Anthropic;

/// <summary>Writes a Messages API request body once; earlier thinking blocks go back exactly as they came.</summary>
internal static class AnthropicRequestWriter
{
    public static byte[] Write(IEnumerable<ChatMessage> messages, ChatOptions? options, string model, int defaultMaxTokens)
    {
        var list = messages as IList<ChatMessage> ?? [.. messages];
        var maxTokens = options?.MaxOutputTokens ?? defaultMaxTokens;
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer, WireJson.WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("model", model);
            json.WriteNumber("max_tokens", maxTokens);
            var system = string.Join("\n\n", new[] { options?.Instructions }
                .Concat(list.Where(m => m.Role == ChatRole.System).Select(m => m.Text))
                .Where(s => !string.IsNullOrEmpty(s)));
            if (system.Length > 0)
            {
                json.WriteString("system", system);
            }

            json.WriteStartArray("messages");
            foreach (var message in list.Where(m => m.Role == ChatRole.User || m.Role == ChatRole.Assistant))
            {
                WriteMessage(json, message);
            }

            json.WriteEndArray();
            WriteThinking(json, options, maxTokens);
            WriteSampling(json, options);
            json.WriteBoolean("stream", true);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteThinking(Utf8JsonWriter json, ChatOptions? options, int maxTokens)
    {
        var budget = options.GetThinkingBudget() ?? EffortBudget(options?.Reasoning?.Effort, maxTokens);
        if (budget is not { } tokens)
        {
            return;
        }

        json.WriteStartObject("thinking");
        json.WriteString("type", "enabled");
        json.WriteNumber("budget_tokens", tokens);
        json.WriteEndObject();
    }

    /// <summary>An effort becomes a budget, kept within Anthropic's rule (≥ 1,024 and below max tokens).</summary>
    private static int? EffortBudget(ReasoningEffort? effort, int maxTokens)
    {
        int? wanted = effort switch
        {
            ReasoningEffort.Low => 2_048,
            ReasoningEffort.Medium => 8_192,
            ReasoningEffort.High => 16_384,
            ReasoningEffort.ExtraHigh => 32_000,
            _ => null,
        };
        return wanted is { } w ? Math.Max(1_024, Math.Min(w, maxTokens - 1)) : null;
    }

    private static void WriteSampling(Utf8JsonWriter json, ChatOptions? options)
    {
        if (options?.Temperature is { } temperature)
        {
            json.WriteNumber("temperature", temperature);
        }

        if (options?.TopP is { } topP)
        {
            json.WriteNumber("top_p", topP);
        }

        if (options?.TopK is { } topK)
        {
            json.WriteNumber("top_k", topK);
        }

        if (options?.StopSequences is { Count: > 0 } stops)
        {
            json.WriteStartArray("stop_sequences");
            foreach (var stop in stops)
            {
                json.WriteStringValue(stop);
            }

            json.WriteEndArray();
        }
    }

    private static void WriteMessage(Utf8JsonWriter json, ChatMessage message)
    {
        json.WriteStartObject();
        json.WriteString("role", message.Role == ChatRole.Assistant ? "assistant" : "user");
        json.WriteStartArray("content");
        // The Messages API has no name field: in a conversation of several people the speaker's first name goes
        // before their words, "Ana: …", in the message's first text block (AC8.3).
        var speaker = message.Role == ChatRole.User && !string.IsNullOrWhiteSpace(message.AuthorName) ? message.AuthorName.Trim() : null;
        foreach (var content in message.Contents)
        {
            if (speaker is not null && content is TextContent { Text.Length: > 0 } first)
            {
                WriteBlock(json, new TextContent($"{speaker}: {first.Text}"), assistant: false);
                speaker = null;
                continue;
            }

            WriteBlock(json, content, message.Role == ChatRole.Assistant);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteBlock(Utf8JsonWriter json, AIContent content, bool assistant)
    {
        switch (content)
        {
            case ThinkingBlockContent { Block: var block } when assistant && block.ProviderKind == ProviderKinds.Anthropic:
                WriteThinkingBlock(json, block);
                break;
            case TextReasoningContent { ProtectedData: { } signature } reasoning when assistant:
                WriteThinkingBlock(json, new ThinkingBlock(ThinkingBlockKind.Text, reasoning.Text, signature));
                break;
            case TextContent { Text.Length: > 0 } text:
                json.WriteStartObject();
                json.WriteString("type", "text");
                json.WriteString("text", text.Text);
                json.WriteEndObject();
                break;
            case DataContent data when !assistant:
                WriteData(json, data);
                break;
            default:
                break;
        }
    }

    private static void WriteThinkingBlock(Utf8JsonWriter json, ThinkingBlock block)
    {
        if (block.Kind == ThinkingBlockKind.Redacted && block.RedactedData is not null)
        {
            json.WriteStartObject();
            json.WriteString("type", "redacted_thinking");
            json.WriteString("data", block.RedactedData);
            json.WriteEndObject();
        }
        else if (block.Signature is not null)
        {
            json.WriteStartObject();
            json.WriteString("type", "thinking");
            json.WriteString("thinking", block.Text);
            json.WriteString("signature", block.Signature);
            json.WriteEndObject();
        }
    }

    private static void WriteData(Utf8JsonWriter json, DataContent data)
    {
        json.WriteStartObject();
        if (data.HasTopLevelMediaType("image"))
        {
            json.WriteString("type", "image");
            WriteSource(json, "base64", data.MediaType, data.Base64Data.ToString());
        }
        else if (data.MediaType == "application/pdf")
        {
            json.WriteString("type", "document");
            WriteSource(json, "base64", data.MediaType, data.Base64Data.ToString());
        }
        else
        {
            json.WriteString("type", "document");
            WriteSource(json, "text", "text/plain", Encoding.UTF8.GetString(data.Data.Span));
        }

        if (data.Name is not null && !data.HasTopLevelMediaType("image"))
        {
            json.WriteString("title", data.Name);
        }

        json.WriteEndObject();
    }

    private static void WriteSource(Utf8JsonWriter json, string type, string mediaType, string data)
    {
        json.WriteStartObject("source");
        json.WriteString("type", type);
        json.WriteString("media_type", mediaType);
        json.WriteString("data", data);
        json.WriteEndObject();
    }
}
