using System.Text.Json;
using System.Text.Json.Serialization;

namespace Grimoire.Core.Attachments;

/// <summary>What a message keeps of one of its files (AC7.6): id, content hash, name, media type, kind and size.</summary>
public sealed record AttachmentReference(
    Guid Id, string Sha256, string Name, string MediaType, AttachmentKind Kind, long Size, int? Width = null, int? Height = null);

/// <summary>The JSON of <see cref="Playground.PlaygroundMessage.FileReferencesJson"/>.</summary>
public static class AttachmentReferences
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string? Write(IReadOnlyCollection<AttachmentReference> references) =>
        references.Count == 0 ? null : JsonSerializer.Serialize(references, Json);

    public static IReadOnlyList<AttachmentReference> Read(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize<List<AttachmentReference>>(json, Json) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
