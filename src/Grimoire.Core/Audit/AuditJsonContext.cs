using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Grimoire.Core.Audit;

[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ProviderCallData))]
[JsonSerializable(typeof(MessageEditedData))]
[JsonSerializable(typeof(MessageRegeneratedData))]
[JsonSerializable(typeof(MessageDeletedData))]
[JsonSerializable(typeof(ConversationDeletedData))]
[JsonSerializable(typeof(ConversationForkedData))]
[JsonSerializable(typeof(TurnInterruptedData))]
[JsonSerializable(typeof(AnchorResetData))]
internal sealed partial class AuditJsonContext : JsonSerializerContext
{
    /// <summary>
    /// Relaxed escaping: the archive is read as text, so non-ASCII stays legible (it never goes into HTML). Strings
    /// are escaped by the writer, so this applies to everything serialised through it.
    /// </summary>
    public static JsonWriterOptions WriterOptions => new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Serialize<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            JsonSerializer.Serialize(writer, value, typeInfo);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
