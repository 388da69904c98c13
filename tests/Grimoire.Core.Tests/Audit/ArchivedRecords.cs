using System.Text.Json;
using Grimoire.Core.Audit;
using Grimoire.Core.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Grimoire.Core.Tests.Audit;

/// <summary>The archive of a test host (its configured folder), read back as JSON records and raw bytes.</summary>
public static class ArchivedRecords
{
    public static string Directory(TestDatabase db) => db.Get<IOptions<AuditOptions>>().Value.Directory;

    public static List<JsonElement> Read(TestDatabase db, string? kind = null) =>
        [.. Files(db).SelectMany(ArchiveFolder.Lines).Select(ArchiveFolder.Header)
            .Where(r => kind is null || r.GetProperty("kind").GetString() == kind)];

    public static IReadOnlyList<string> Files(TestDatabase db) =>
        System.IO.Directory.Exists(Directory(db)) ? [.. System.IO.Directory.GetFiles(Directory(db), "audit.*.jsonl").Order(StringComparer.Ordinal)] : [];

    public static byte[] AllBytes(TestDatabase db) => [.. Files(db).SelectMany(File.ReadAllBytes)];

    public static string? Text(this JsonElement element, params string[] path) => Walk(element, path) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    public static Guid? Id(this JsonElement record, string name) =>
        record.GetProperty("ids").TryGetProperty(name, out var id) ? id.GetGuid() : null;

    public static JsonElement Walk(this JsonElement element, params string[] path)
    {
        foreach (var name in path)
        {
            if (!element.TryGetProperty(name, out element))
            {
                return default;
            }
        }

        return element;
    }
}
