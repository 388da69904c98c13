namespace Grimoire.Web.Rendering;

/// <summary>Bounds for the rendered-Markdown cache.</summary>
public sealed class MarkdownRenderingOptions
{
    /// <summary>
    /// Total size of the cached HTML, in characters, across every circuit (default 8 million, about 16 MB).
    /// The least recently used entries are compacted away beyond it.
    /// </summary>
    public long CacheSizeLimitChars { get; set; } = 8_000_000;

    /// <summary>Messages longer than this are rendered but not cached (default 1 million characters).</summary>
    public int MaxCachedMarkdownChars { get; set; } = 1_000_000;
}
