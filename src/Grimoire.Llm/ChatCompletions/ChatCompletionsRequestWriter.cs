using System.Buffers;
using System.Text.Json;
using Grimoire.Llm.Streaming;
using Grimoire.Llm.Wire;
using Microsoft.Extensions.AI;

namespace Grimoire.Llm.ChatCompletions;

/// <summary>Writes a chat-completions request body once, as UTF-8 JSON bytes.</summary>
internal static class ChatCompletionsRequestWriter
{
    public static byte[] Write(IEnumerable<ChatMessage> messages, ChatOptions? options, string model, ChatCompletionsProfile profile)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer, WireJson.WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("model", model);
            json.WriteStartArray("messages");
            if (!string.IsNullOrEmpty(options?.Instructions))
            {
                WriteTextMessage(json, "system", options.Instructions);
            }

            foreach (var message in messages)
            {
                WriteMessage(json, message, profile);
            }

            json.WriteEndArray();
            json.WriteBoolean("stream", true);
            if (!profile.IsOpenRouter)
            {
                json.WriteStartObject("stream_options");
                json.WriteBoolean("include_usage", true);
                json.WriteEndObject();
            }

            WriteSampling(json, options);
            WriteReasoning(json, options, profile);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteSampling(Utf8JsonWriter json, ChatOptions? options)
    {
        if (options is null)
        {
            return;
        }

        if (options.Temperature is { } temperature)
        {
            json.WriteNumber("temperature", temperature);
        }

        if (options.TopP is { } topP)
        {
            json.WriteNumber("top_p", topP);
        }

        if (options.MaxOutputTokens is { } maxTokens)
        {
            json.WriteNumber("max_tokens", maxTokens);
        }

        if (options.Seed is { } seed)
        {
            json.WriteNumber("seed", seed);
        }

        if (options.StopSequences is { Count: > 0 } stops)
        {
            json.WriteStartArray("stop");
            foreach (var stop in stops)
            {
                json.WriteStringValue(stop);
            }

            json.WriteEndArray();
        }
    }

    private static void WriteReasoning(Utf8JsonWriter json, ChatOptions? options, ChatCompletionsProfile profile)
    {
        var budget = options.GetThinkingBudget();
        var effort = options?.Reasoning?.Effort;
        if (!profile.IsOpenRouter)
        {
            if (budget is null && effort is { } e && e != ReasoningEffort.None)
            {
                json.WriteString("reasoning_effort", EffortName(e));
            }

            return;
        }

        if (budget is null && effort is null)
        {
            return;
        }

        json.WriteStartObject("reasoning");
        if (budget is { } tokens)
        {
            json.WriteNumber("max_tokens", tokens);
        }
        else if (effort == ReasoningEffort.None)
        {
            json.WriteBoolean("enabled", false);
        }
        else
        {
            json.WriteString("effort", EffortName(effort!.Value));
        }

        if (options?.Reasoning?.Output == ReasoningOutput.None && effort != ReasoningEffort.None)
        {
            json.WriteBoolean("exclude", true);
        }

        json.WriteEndObject();
    }

    private static string EffortName(ReasoningEffort effort) => effort switch
    {
        ReasoningEffort.Low => "low",
        ReasoningEffort.Medium => "medium",
        ReasoningEffort.High => "high",
        ReasoningEffort.ExtraHigh => "xhigh",
        _ => "minimal",
    };

    private static void WriteMessage(Utf8JsonWriter json, ChatMessage message, ChatCompletionsProfile profile)
    {
        var role = message.Role == ChatRole.System ? "system"
            : message.Role == ChatRole.Assistant ? "assistant"
            : message.Role == ChatRole.User ? "user"
            : null;
        if (role is null)
        {
            return;
        }

        var hasMedia = message.Contents.Any(c => c is DataContent or UriContent);
        json.WriteStartObject();
        json.WriteString("role", role);
        if (role == "user" && WireName(message.AuthorName) is { } name)
        {
            json.WriteString("name", name); // who is speaking, in a conversation of several people (AC8.3)
        }

        if (!hasMedia)
        {
            // A question's attached text files are parts of their own: a blank line keeps each delimited file apart.
            var texts = message.Contents.OfType<TextContent>().Select(t => t.Text);
            json.WriteString("content", role == "user" ? string.Join("\n\n", texts) : string.Concat(texts));
        }
        else
        {
            WriteParts(json, message);
        }

        if (role == "assistant" && profile.IsOpenRouter)
        {
            WriteReasoningDetails(json, message, profile.ProviderKind);
        }

        json.WriteEndObject();
    }

    /// <summary>
    /// A participant's name as the <c>name</c> field takes it: OpenAI accepts only <c>[A-Za-z0-9_-]{1,64}</c>, so
    /// accents are dropped ("José" → "Jose") and anything else becomes "_"; null when no letter or digit is left.
    /// </summary>
    internal static string? WireName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var text = new System.Text.StringBuilder(name.Length);
        foreach (var c in name.Trim().Normalize(System.Text.NormalizationForm.FormD))
        {
            if (System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            text.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_');
        }

        var wire = text.ToString();
        wire = wire.Length > 64 ? wire[..64] : wire;
        return wire.Any(char.IsAsciiLetterOrDigit) ? wire : null;
    }

    private static void WriteTextMessage(Utf8JsonWriter json, string role, string text)
    {
        json.WriteStartObject();
        json.WriteString("role", role);
        json.WriteString("content", text);
        json.WriteEndObject();
    }

    private static void WriteParts(Utf8JsonWriter json, ChatMessage message)
    {
        json.WriteStartArray("content");
        foreach (var content in message.Contents)
        {
            switch (content)
            {
                case TextContent text:
                    json.WriteStartObject();
                    json.WriteString("type", "text");
                    json.WriteString("text", text.Text);
                    json.WriteEndObject();
                    break;
                case DataContent data when data.HasTopLevelMediaType("image"):
                    WriteImage(json, data.Uri);
                    break;
                case UriContent uri when uri.HasTopLevelMediaType("image"):
                    WriteImage(json, uri.Uri.ToString());
                    break;
                case DataContent file:
                    json.WriteStartObject();
                    json.WriteString("type", "file");
                    json.WriteStartObject("file");
                    json.WriteString("filename", file.Name ?? "attachment");
                    json.WriteString("file_data", file.Uri);
                    json.WriteEndObject();
                    json.WriteEndObject();
                    break;
                default:
                    break;
            }
        }

        json.WriteEndArray();
    }

    private static void WriteImage(Utf8JsonWriter json, string url)
    {
        json.WriteStartObject();
        json.WriteString("type", "image_url");
        json.WriteStartObject("image_url");
        json.WriteString("url", url);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>Earlier thinking goes back unchanged as <c>reasoning_details</c>; only blocks that came as details.</summary>
    private static void WriteReasoningDetails(Utf8JsonWriter json, ChatMessage message, string providerKind)
    {
        var blocks = message.Contents.OfType<ThinkingBlockContent>()
            .Select(c => c.Block)
            .Where(b => b.ProviderKind == providerKind && (b.Signature ?? b.RedactedData ?? b.Format) is not null)
            .ToList();
        if (blocks.Count == 0)
        {
            return;
        }

        json.WriteStartArray("reasoning_details");
        foreach (var block in blocks)
        {
            json.WriteStartObject();
            switch (block.Kind)
            {
                case ThinkingBlockKind.Redacted:
                    json.WriteString("type", "reasoning.encrypted");
                    json.WriteString("data", block.RedactedData);
                    break;
                case ThinkingBlockKind.Summary:
                    json.WriteString("type", "reasoning.summary");
                    json.WriteString("summary", block.Text);
                    break;
                default:
                    json.WriteString("type", "reasoning.text");
                    json.WriteString("text", block.Text);
                    if (block.Signature is not null)
                    {
                        json.WriteString("signature", block.Signature);
                    }

                    break;
            }

            if (block.Id is not null)
            {
                json.WriteString("id", block.Id);
            }

            if (block.Format is not null)
            {
                json.WriteString("format", block.Format);
            }

            json.WriteNumber("index", block.Index);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
