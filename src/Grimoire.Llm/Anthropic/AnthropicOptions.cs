namespace Grimoire.Llm.Anthropic;

/// <summary>Configuration <c>Grimoire:Providers:Anthropic</c>.</summary>
public sealed class AnthropicOptions
{
    /// <summary>The API root; messages go to <c>{BaseUrl}/v1/messages</c>.</summary>
    public Uri BaseUrl { get; set; } = new("https://api.anthropic.com");

    /// <summary>The <c>anthropic-version</c> header.</summary>
    public string Version { get; set; } = "2023-06-01";

    /// <summary>Max tokens when the caller sets none (Anthropic requires one).</summary>
    public int DefaultMaxTokens { get; set; } = 8192;
}
