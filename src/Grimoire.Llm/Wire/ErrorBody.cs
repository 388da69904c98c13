using System.Text.Json;

namespace Grimoire.Llm.Wire;

/// <summary>Reads the message out of a provider's JSON error body, whichever of the known shapes it has.</summary>
internal static class ErrorBody
{
    private const int MaxBytes = 64 * 1024;

    public static async Task<string?> ReadMessageAsync(HttpContent content, string? secret, CancellationToken cancellationToken)
    {
        var bytes = await content.ReadAsByteArrayAsync(cancellationToken);
        var slice = bytes.AsMemory(0, Math.Min(bytes.Length, MaxBytes));
        return SecretScrubber.Scrub(Message(slice), secret);
    }

    /// <summary>
    /// <c>{"error":{"message"}}</c> (OpenRouter, OpenAI-compatible), <c>{"type":"error","error":{"type","message"}}</c>
    /// (Anthropic), <c>{"object":"error","message"}</c> (vLLM); otherwise the raw text, shortened.
    /// </summary>
    public static string? Message(ReadOnlyMemory<byte> body)
    {
        if (body.IsEmpty)
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(body);
            return Message(doc.RootElement);
        }
        catch (JsonException)
        {
            var text = System.Text.Encoding.UTF8.GetString(body.Span).Trim();
            return text.Length > 300 ? text[..300] : text;
        }
    }

    public static string? Message(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (root.TryGetProperty("error", out var error))
        {
            if (error.ValueKind == JsonValueKind.String)
            {
                return error.GetString();
            }

            if (error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String)
            {
                return m.GetString();
            }
        }

        return root.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String
            ? message.GetString()
            : null;
    }

    /// <summary>The <c>error.type</c> of an Anthropic error, if present.</summary>
    public static string? ErrorType(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object
        && root.TryGetProperty("error", out var error)
        && error.ValueKind == JsonValueKind.Object
        && error.TryGetProperty("type", out var type)
        && type.ValueKind == JsonValueKind.String
            ? type.GetString()
            : null;
}
