using System.Globalization;

namespace Grimoire.Web.Features.Courses.Allowlist;

/// <summary>How the allowlist and catalogue show prices and sizes.</summary>
internal static class ModelFormat
{
    /// <summary>USD per million tokens, e.g. "$0.15", "$15", "free".</summary>
    public static string Price(decimal? perMillion) => perMillion switch
    {
        null => "—",
        0m => "free",
        < 0.01m => "$" + perMillion.Value.ToString("0.####", CultureInfo.InvariantCulture),
        _ => "$" + perMillion.Value.ToString("0.##", CultureInfo.InvariantCulture),
    };

    /// <summary>Tokens, e.g. "128k", "1M", "8,192".</summary>
    public static string Tokens(int? tokens) => tokens switch
    {
        null or <= 0 => "—",
        >= 1_000_000 when tokens % 1_000_000 == 0 => $"{tokens / 1_000_000}M",
        >= 1_000 when tokens % 1_000 == 0 => $"{tokens / 1_000}k",
        _ => tokens.Value.ToString("N0", CultureInfo.CurrentCulture),
    };

    public static string Provider(string kind) => kind switch
    {
        Grimoire.Llm.ProviderKinds.OpenRouter => "OpenRouter",
        Grimoire.Llm.ProviderKinds.Anthropic => "Anthropic",
        Grimoire.Llm.ProviderKinds.OpenAICompatible => "OpenAI-compatible",
        Grimoire.Llm.ProviderKinds.Simulated => "Simulated (offline)",
        _ => kind,
    };
}
