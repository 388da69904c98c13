using System.Globalization;
using System.Text.Json;

namespace Grimoire.OpenRouterStandIn.Keys;

/// <summary>What <c>POST /api/v1/keys</c> asks for.</summary>
internal sealed record KeyDraft(string Name, decimal? Limit, string? LimitReset, bool IncludeByokInLimit, DateTimeOffset? ExpiresAt);

/// <summary>What <c>PATCH /api/v1/keys/{hash}</c> changes; a member left out of the body leaves the value alone.</summary>
internal sealed record KeyPatch(string? Name, bool? Disabled, bool SetsLimit, decimal? Limit, bool SetsReset, string? LimitReset, bool? IncludeByokInLimit);

/// <summary>Reads and checks key-management request bodies; a problem is a 400 message in OpenRouter's style.</summary>
internal static class KeyRequests
{
    public static (KeyDraft? Draft, string? Problem) ReadCreate(JsonElement body, DateTimeOffset now)
    {
        if (!body.TryGetProperty("name", out var n) || n.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(n.GetString()))
        {
            return (null, "name: Required (a non-empty string)");
        }

        var (limit, limitProblem) = ReadLimit(body);
        var (reset, resetProblem) = ReadReset(body);
        var (byok, byokProblem) = ReadBool(body, "include_byok_in_limit");
        var (expires, expiresProblem) = ReadExpiry(body, now);
        var problem = limitProblem ?? resetProblem ?? byokProblem ?? expiresProblem;
        return problem is not null
            ? (null, problem)
            : (new KeyDraft(n.GetString()!, limit, reset, byok ?? false, expires), null);
    }

    public static (KeyPatch? Patch, string? Problem) ReadPatch(JsonElement body)
    {
        string? name = null;
        if (body.TryGetProperty("name", out var n))
        {
            if (n.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(n.GetString()))
            {
                return (null, "name: Expected a non-empty string");
            }

            name = n.GetString();
        }

        var (disabled, disabledProblem) = ReadBool(body, "disabled");
        var (limit, limitProblem) = ReadLimit(body);
        var (reset, resetProblem) = ReadReset(body);
        var (byok, byokProblem) = ReadBool(body, "include_byok_in_limit");
        var problem = disabledProblem ?? limitProblem ?? resetProblem ?? byokProblem;
        return problem is not null
            ? (null, problem)
            : (new KeyPatch(name, disabled, body.TryGetProperty("limit", out _), limit, body.TryGetProperty("limit_reset", out _), reset, byok), null);
    }

    private static (decimal? Value, string? Problem) ReadLimit(JsonElement body)
    {
        if (!body.TryGetProperty("limit", out var l) || l.ValueKind == JsonValueKind.Null)
        {
            return (null, null);
        }

        return l.ValueKind == JsonValueKind.Number && l.TryGetDecimal(out var value) && value >= 0
            ? (value, null)
            : (null, "limit: Expected a non-negative number of USD, or null");
    }

    private static (string? Value, string? Problem) ReadReset(JsonElement body)
    {
        if (!body.TryGetProperty("limit_reset", out var r) || r.ValueKind == JsonValueKind.Null)
        {
            return (null, null);
        }

        return r.ValueKind == JsonValueKind.String && UsagePeriods.Resets.Contains(r.GetString())
            ? (r.GetString(), null)
            : (null, "limit_reset: Expected 'daily', 'weekly', 'monthly' or null");
    }

    private static (bool? Value, string? Problem) ReadBool(JsonElement body, string name)
    {
        if (!body.TryGetProperty(name, out var b) || b.ValueKind == JsonValueKind.Null)
        {
            return (null, null);
        }

        return b.ValueKind is JsonValueKind.True or JsonValueKind.False ? (b.GetBoolean(), null) : (null, $"{name}: Expected a boolean");
    }

    private static (DateTimeOffset? Value, string? Problem) ReadExpiry(JsonElement body, DateTimeOffset now)
    {
        if (!body.TryGetProperty("expires_at", out var e) || e.ValueKind == JsonValueKind.Null)
        {
            return (null, null);
        }

        if (e.ValueKind != JsonValueKind.String
            || !DateTimeOffset.TryParse(e.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            return (null, "expires_at: Expected an ISO 8601 date-time in UTC");
        }

        return at <= now ? (null, "expires_at: Must be in the future") : (at.ToUniversalTime(), null);
    }
}
