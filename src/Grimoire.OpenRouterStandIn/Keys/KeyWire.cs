using System.Globalization;
using System.Text.Json;

namespace Grimoire.OpenRouterStandIn.Keys;

/// <summary>A key as OpenRouter's key-management API describes it (the <c>data</c> object).</summary>
internal static class KeyWire
{
    public static void Write(Utf8JsonWriter w, StandInKey key)
    {
        w.WriteStartObject();
        w.WriteString("hash", key.Hash);
        w.WriteString("name", key.Name);
        w.WriteString("label", key.Label);
        w.WriteBoolean("disabled", key.Disabled);
        Money(w, "limit", key.Limit);
        Money(w, "limit_remaining", key.LimitRemaining);
        if (key.LimitReset is { } reset)
        {
            w.WriteString("limit_reset", reset);
        }
        else
        {
            w.WriteNull("limit_reset");
        }

        w.WriteBoolean("include_byok_in_limit", key.IncludeByokInLimit);
        w.WriteNumber("usage", key.Usage);
        w.WriteNumber("usage_daily", key.UsageDaily);
        w.WriteNumber("usage_weekly", key.UsageWeekly);
        w.WriteNumber("usage_monthly", key.UsageMonthly);
        foreach (var byok in (ReadOnlySpan<string>)["byok_usage", "byok_usage_daily", "byok_usage_weekly", "byok_usage_monthly"])
        {
            w.WriteNumber(byok, 0);
        }

        Instant(w, "created_at", key.CreatedAt);
        Instant(w, "updated_at", key.UpdatedAt);
        Instant(w, "expires_at", key.ExpiresAt);
        w.WriteEndObject();
    }

    private static void Money(Utf8JsonWriter w, string name, decimal? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void Instant(Utf8JsonWriter w, string name, DateTimeOffset? value)
    {
        if (value is { } v)
        {
            w.WriteString(name, v.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
