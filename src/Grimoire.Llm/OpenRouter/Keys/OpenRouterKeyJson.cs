using System.Globalization;
using System.Text.Json;
using Grimoire.Llm.Wire;

namespace Grimoire.Llm.OpenRouter.Keys;

/// <summary>The key-management wire format: request bodies written once, responses read leniently.</summary>
internal static class OpenRouterKeyJson
{
    public static byte[] WriteCreate(OpenRouterKeyCreate request) => Write(w =>
    {
        w.WriteString("name", request.Name);
        WriteLimit(w, request.Limit);
        WriteReset(w, request.LimitReset);
        if (request.ExpiresAt is { } expires)
        {
            w.WriteString("expires_at", expires.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        }
    });

    public static byte[] WriteUpdate(OpenRouterKeyUpdate update) => Write(w =>
    {
        if (update.Name is not null)
        {
            w.WriteString("name", update.Name);
        }

        if (update.Disabled is { } disabled)
        {
            w.WriteBoolean("disabled", disabled);
        }

        if (update.Budget is { } budget)
        {
            WriteLimit(w, budget.Limit);
            WriteReset(w, budget.Reset);
        }
    });

    /// <summary><c>{"key": "sk-or-v1-…", "data": {…}}</c>; null parts mean the answer cannot be used.</summary>
    public static (string? Key, OpenRouterKeyInfo? Info) ReadCreated(JsonElement root)
    {
        var key = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("key", out var k) && k.ValueKind == JsonValueKind.String
            ? k.GetString()
            : null;
        return (string.IsNullOrEmpty(key) ? null : key, ReadData(root));
    }

    /// <summary><c>{"data": {…}}</c>.</summary>
    public static OpenRouterKeyInfo? ReadData(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("data", out var data) ? ReadInfo(data) : null;

    /// <summary><c>{"data": [{…}, …]}</c>; null when there is no such array.</summary>
    public static List<OpenRouterKeyInfo>? ReadList(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array
            ? [.. data.EnumerateArray().Select(ReadInfo).OfType<OpenRouterKeyInfo>()]
            : null;

    /// <summary><c>{"data": {"total_credits": …, "total_usage": …}}</c> (<c>GET /api/v1/credits</c>); null when either is missing.</summary>
    public static OpenRouterCredits? ReadCredits(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
            && Money(data, "total_credits") is { } credits && Money(data, "total_usage") is { } usage
            ? new OpenRouterCredits(credits, usage)
            : null;

    public static OpenRouterKeyInfo? ReadInfo(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object || String(e, "hash") is not { Length: > 0 } hash)
        {
            return null;
        }

        return new OpenRouterKeyInfo(
            hash,
            String(e, "name") ?? "",
            e.TryGetProperty("disabled", out var d) && d.ValueKind == JsonValueKind.True,
            Money(e, "limit"),
            Money(e, "limit_remaining"),
            Reset(String(e, "limit_reset")),
            Money(e, "usage") ?? 0m,
            Money(e, "usage_daily"),
            Money(e, "usage_weekly"),
            Money(e, "usage_monthly"),
            Instant(e, "created_at"),
            Instant(e, "expires_at"));
    }

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WireJson.WriterOptions))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteLimit(Utf8JsonWriter w, decimal? limit)
    {
        if (limit is { } value)
        {
            w.WriteNumber("limit", value);
        }
        else
        {
            w.WriteNull("limit");
        }
    }

    private static void WriteReset(Utf8JsonWriter w, OpenRouterLimitReset reset)
    {
        if (reset == OpenRouterLimitReset.Never)
        {
            w.WriteNull("limit_reset");
        }
        else
        {
            w.WriteString("limit_reset", reset.ToString().ToLowerInvariant());
        }
    }

    private static OpenRouterLimitReset Reset(string? value) => value switch
    {
        "daily" => OpenRouterLimitReset.Daily,
        "weekly" => OpenRouterLimitReset.Weekly,
        "monthly" => OpenRouterLimitReset.Monthly,
        _ => OpenRouterLimitReset.Never,
    };

    private static string? String(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static decimal? Money(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetDecimal(out var m) ? m : null;

    private static DateTimeOffset? Instant(JsonElement e, string name) =>
        String(e, name) is { } s && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
            ? t.ToUniversalTime()
            : null;
}
