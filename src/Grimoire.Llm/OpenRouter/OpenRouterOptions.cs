namespace Grimoire.Llm.OpenRouter;

/// <summary>Configuration <c>Grimoire:Providers:OpenRouter</c>.</summary>
public sealed class OpenRouterOptions
{
    /// <summary>The site root; chat goes to <c>{BaseUrl}/api/v1/chat/completions</c>.</summary>
    public Uri BaseUrl { get; set; } = new("https://openrouter.ai");

    /// <summary>Sent as <c>X-Title</c> (OpenRouter attribution). Empty to send none.</summary>
    public string? AppName { get; set; } = "Grimoire Playground";

    /// <summary>Sent as <c>HTTP-Referer</c> (OpenRouter attribution). Empty to send none.</summary>
    public Uri? SiteUrl { get; set; }

    /// <summary>
    /// A management (provisioning) key for minting and revoking per-student keys through <c>/api/v1/keys</c>; never
    /// used for chat, never logged. Checked only when key management is used, so chat works without it.
    /// </summary>
    public string? ManagementKey { get; set; }
}
