using System.Text.Json;

namespace Grimoire.OpenRouterStandIn.Chat;

/// <summary>One message of a chat request, reduced to what the stand-in looks at.</summary>
internal sealed record ChatRequestMessage(string Role, string Text, int Images, int Files, IReadOnlyList<JsonElement> ReasoningDetails);

/// <summary>The parts of a chat-completions body the stand-in honours; read leniently, checked like OpenRouter.</summary>
internal sealed record ChatRequest(
    string Model,
    IReadOnlyList<ChatRequestMessage> Messages,
    bool Stream,
    int? MaxTokens,
    bool ReasoningRequested,
    bool ReasoningExcluded,
    string? ReasoningEffort,
    int? ReasoningMaxTokens)
{
    private static readonly string[] Roles = ["system", "developer", "user", "assistant", "tool"];

    public ChatRequestMessage? LastUser => Messages.LastOrDefault(m => m.Role == "user");

    /// <summary>The model id and stream flag, when the body has them (for the record of a refused call).</summary>
    public static (string? Model, bool Stream) Peek(JsonElement body) =>
        (body.TryGetProperty("model", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null,
         body.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.True);

    /// <summary>The request, or OpenRouter's 400 message for what is wrong with it.</summary>
    public static (ChatRequest? Request, string? Problem) Read(JsonElement body)
    {
        var (model, stream) = Peek(body);
        if (string.IsNullOrWhiteSpace(model))
        {
            return (null, "model: Required (e.g. \"openai/gpt-4o-mini\")");
        }

        if (!body.TryGetProperty("messages", out var list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
        {
            return (null, "Input required: specify \"prompt\" or \"messages\"");
        }

        var messages = new List<ChatRequestMessage>();
        foreach (var (item, index) in list.EnumerateArray().Select((e, i) => (e, i)))
        {
            if (ReadMessage(item) is not { } message)
            {
                return (null, $"messages.{index}: Expected an object with a role ({string.Join(", ", Roles)}) and content");
            }

            messages.Add(message);
        }

        if (Number(body, "temperature") is { } temperature && temperature is < 0 or > 2)
        {
            return (null, "temperature: Input should be between 0 and 2");
        }

        int? maxTokens = null;
        if (body.TryGetProperty("max_tokens", out var mt) && mt.ValueKind != JsonValueKind.Null)
        {
            if (mt.ValueKind != JsonValueKind.Number || !mt.TryGetInt32(out var value) || value < 1)
            {
                return (null, "max_tokens: Input should be a positive integer");
            }

            maxTokens = value;
        }

        return ReadReasoning(body, model, messages, stream, maxTokens);
    }

    private static (ChatRequest? Request, string? Problem) ReadReasoning(
        JsonElement body, string model, List<ChatRequestMessage> messages, bool stream, int? maxTokens)
    {
        var requested = body.TryGetProperty("include_reasoning", out var ir) && ir.ValueKind == JsonValueKind.True;
        string? effort = null;
        int? budget = null;
        var excluded = false;
        if (body.TryGetProperty("reasoning", out var r) && r.ValueKind == JsonValueKind.Object)
        {
            effort = r.TryGetProperty("effort", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
            if (r.TryGetProperty("max_tokens", out var b) && b.ValueKind != JsonValueKind.Null)
            {
                if (b.ValueKind != JsonValueKind.Number || !b.TryGetInt32(out var tokens) || tokens < 1)
                {
                    return (null, "reasoning.max_tokens: Input should be a positive integer");
                }

                budget = tokens;
            }

            if (effort is not null && budget is not null)
            {
                return (null, "Only one of \"reasoning.effort\" and \"reasoning.max_tokens\" can be specified");
            }

            if (effort is not null && effort is not ("minimal" or "low" or "medium" or "high" or "xhigh" or "none"))
            {
                return (null, "reasoning.effort: Expected 'minimal', 'low', 'medium', 'high' or 'xhigh'");
            }

            var enabled = !(r.TryGetProperty("enabled", out var en) && en.ValueKind == JsonValueKind.False) && effort != "none";
            excluded = r.TryGetProperty("exclude", out var ex) && ex.ValueKind == JsonValueKind.True;
            requested = enabled;
        }

        return (new ChatRequest(model, messages, stream, maxTokens, requested, excluded, effort, budget), null);
    }

    private static ChatRequestMessage? ReadMessage(JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object
            || !item.TryGetProperty("role", out var r) || r.ValueKind != JsonValueKind.String || !Roles.Contains(r.GetString()))
        {
            return null;
        }

        var text = "";
        int images = 0, files = 0;
        if (item.TryGetProperty("content", out var content))
        {
            switch (content.ValueKind)
            {
                case JsonValueKind.String:
                    text = content.GetString()!;
                    break;
                case JsonValueKind.Array:
                    foreach (var part in content.EnumerateArray())
                    {
                        var type = part.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                        text += type == "text" && part.TryGetProperty("text", out var pt) && pt.ValueKind == JsonValueKind.String ? pt.GetString() : "";
                        images += type == "image_url" ? 1 : 0;
                        files += type == "file" ? 1 : 0;
                    }

                    break;
                case JsonValueKind.Null:
                    break;
                default:
                    return null;
            }
        }

        var details = item.TryGetProperty("reasoning_details", out var d) && d.ValueKind == JsonValueKind.Array
            ? [.. d.EnumerateArray().Select(x => x.Clone())]
            : Array.Empty<JsonElement>();
        return new ChatRequestMessage(r.GetString()!, text, images, files, details);
    }

    private static double? Number(JsonElement body, string name) =>
        body.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
}
