using System.Text.Encodings.Web;
using System.Text.Json;

namespace Grimoire.Llm.Wire;

/// <summary>
/// How request bodies are written: compact, and with non-ASCII text left readable (students read this JSON).
/// Relaxed escaping is safe here because the bytes go to an HTTP API, never into HTML.
/// </summary>
internal static class WireJson
{
    public static JsonWriterOptions WriterOptions { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
