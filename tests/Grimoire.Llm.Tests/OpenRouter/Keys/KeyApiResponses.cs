using System.Globalization;
using Grimoire.Llm.Tests.Infrastructure;

namespace Grimoire.Llm.Tests.OpenRouter.Keys;

/// <summary>OpenRouter key-management answers in the documented wire format, for the scripted fake server.</summary>
internal static class KeyApiResponses
{
    public static string KeyJson(string hash, string name = "Grimoire LING-210 alex@uni.test", bool disabled = false, decimal usage = 1.25m) =>
        string.Create(CultureInfo.InvariantCulture, $$"""
            {"hash":"{{hash}}","name":"{{name}}","label":"sk-or-v1-abc...xyz","disabled":{{(disabled ? "true" : "false")}},"limit":10,"limit_remaining":{{10 - usage}},"limit_reset":"weekly","include_byok_in_limit":false,"usage":{{usage}},"usage_daily":0.5,"usage_weekly":{{usage}},"usage_monthly":{{usage}},"created_at":"2026-11-25T10:30:00Z","updated_at":null,"expires_at":"2026-12-21T00:00:00Z"}
            """);

    public static ScriptedResponse Created(string key, string hash) =>
        ScriptedResponse.JsonText(201, $"{{\"key\":\"{key}\",\"data\":{KeyJson(hash, usage: 0m)}}}");

    public static ScriptedResponse One(string hash, bool disabled = false) =>
        ScriptedResponse.JsonText(200, $"{{\"data\":{KeyJson(hash, disabled: disabled)}}}");

    public static ScriptedResponse Page(params string[] hashes) =>
        ScriptedResponse.JsonText(200, $"{{\"data\":[{string.Join(',', hashes.Select(h => KeyJson(h)))}]}}");

    public static ScriptedResponse Deleted() => ScriptedResponse.JsonText(200, "{\"deleted\":true}");

    public static ScriptedResponse Error(int status, string message, params (string Name, string Value)[] headers) =>
        ScriptedResponse.JsonText(status, $"{{\"error\":{{\"code\":{status},\"message\":\"{message}\"}}}}") with
        {
            Headers = headers.ToDictionary(h => h.Name, h => h.Value),
        };
}
