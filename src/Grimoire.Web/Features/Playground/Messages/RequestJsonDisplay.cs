using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Grimoire.Web.Features.Playground.Messages;

/// <summary>
/// Pretty-prints a recorded request body for reading, base64 files shortened. Display only: copying always uses the exact recorded string.
/// Numbers keep their original text; non-ASCII stays readable instead of turning into \u escapes.
/// </summary>
public static class RequestJsonDisplay
{
    /// <summary>The indented JSON, or null when <paramref name="json"/> is not valid JSON.</summary>
    public static string? Indent(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions
            {
                Indented = true,
                Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            }))
            {
                document.WriteTo(writer);
            }

            // Files as base64 are shown shortened (issue 10): data:image/png;base64,iVBOR… (183 KB). Copy keeps them whole.
            return Llm.Wire.DataUrls.Abbreviate(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
