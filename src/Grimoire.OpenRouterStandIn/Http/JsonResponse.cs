using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Grimoire.OpenRouterStandIn.Http;

/// <summary>Writes JSON answers with <see cref="Utf8JsonWriter"/>, and OpenRouter's error shape.</summary>
internal static class JsonResponse
{
    /// <summary>Non-ASCII stays readable, as OpenRouter sends it.</summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Serialize(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static async Task WriteAsync(HttpContext context, int status, Action<Utf8JsonWriter> write)
    {
        var bytes = Serialize(write);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }

    /// <summary><c>{"error":{"code":status,"message":…}}</c> with the same HTTP status, as OpenRouter answers errors.</summary>
    public static Task ErrorAsync(HttpContext context, int status, string message) =>
        WriteAsync(context, status, w => WriteError(w, status, message));

    public static void WriteError(Utf8JsonWriter w, int status, string message)
    {
        w.WriteStartObject();
        w.WriteStartObject("error");
        w.WriteNumber("code", status);
        w.WriteString("message", message);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>The request body as a JSON document; null (after answering 400) when it is not a JSON object.</summary>
    public static async Task<JsonDocument?> ReadObjectAsync(HttpContext context, byte[] body)
    {
        try
        {
            var doc = JsonDocument.Parse(body.Length == 0 ? "{}"u8.ToArray() : body);
            if (doc.RootElement.ValueKind == JsonValueKind.Object)
            {
                return doc;
            }

            doc.Dispose();
        }
        catch (JsonException)
        {
            // Answered below.
        }

        await ErrorAsync(context, 400, "Invalid JSON body: expected a JSON object.");
        return null;
    }

    public static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }
}
