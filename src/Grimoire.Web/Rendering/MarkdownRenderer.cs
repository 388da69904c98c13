using System.Security.Cryptography;
using System.Text;
using AngleSharp;
using Ganss.Xss;
using Markdig;
using Markdig.Extensions.EmphasisExtras;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Grimoire.Web.Rendering;

/// <summary>
/// Turns untrusted Markdown (model output, student text) into HTML that is safe to insert as markup:
/// raw HTML in the source is shown as text, the generated HTML is sanitised against an allow-list, then links are
/// hardened and code blocks get a copy button. One instance serves the whole app.
/// </summary>
public sealed class MarkdownRenderer : IDisposable
{
    private static readonly MarkupString Empty = new(string.Empty);

    private readonly MarkdownPipeline pipeline;
    private readonly HtmlSanitizer sanitizer;
    private readonly MemoryCache cache;
    private readonly int maxCachedMarkdownChars;

    public MarkdownRenderer(IOptions<MarkdownRenderingOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.pipeline = new MarkdownPipelineBuilder()
            // Raw HTML written by a model or a student is shown as the text it is, never interpreted:
            // a student asking about <script> sees <script>.
            .DisableHtml()
            .UsePipeTables()
            .UseGridTables()
            .UseTaskLists()
            .UseAutoLinks()
            // Strikethrough only: sub/superscript would turn "~5 to ~10 ms" into subscript.
            .UseEmphasisExtras(EmphasisExtraOptions.Strikethrough)
            .UseListExtras()
            .UseDefinitionLists()
            // Chat text is written line by line: a single newline is a line break.
            .UseSoftlineBreakAsHardlineBreak()
            .Build();
        sanitizer = UntrustedHtmlPolicy.CreateSanitizer();
        this.cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = options.Value.CacheSizeLimitChars });
        maxCachedMarkdownChars = options.Value.MaxCachedMarkdownChars;
    }

    /// <summary>
    /// Renders a finished message. The result is cached by a hash of the content, so rendering the same text again
    /// (a long conversation re-rendering, another tab, a reload) costs a hash and a lookup.
    /// </summary>
    public MarkupString Render(string? markdown)
    {
        if (string.IsNullOrEmpty(markdown))
        {
            return Empty;
        }

        if (markdown.Length > maxCachedMarkdownChars)
        {
            return new MarkupString(ToSafeHtml(markdown));
        }

        var key = CacheKey(markdown);
        if (this.cache.TryGetValue(key, out string? cached) && cached is not null)
        {
            return new MarkupString(cached);
        }

        var html = ToSafeHtml(markdown);
        this.cache.Set(key, html, new MemoryCacheEntryOptions { Size = Math.Max(1, html.Length + key.Length) });
        return new MarkupString(html);
    }

    /// <summary>
    /// Renders text whole, without caching (every intermediate prefix of a stream would evict finished messages).
    /// For a message that is still streaming prefer <see cref="BeginLive"/>, which re-renders only the last paragraph.
    /// </summary>
    public MarkupString RenderLive(string? markdown) =>
        string.IsNullOrEmpty(markdown) ? Empty : new MarkupString(ToSafeHtml(markdown));

    /// <summary>Starts rendering one streaming message; keep the result for as long as that message streams.</summary>
    public LiveMarkdown BeginLive() => new(this);

    /// <summary>Markdown → HTML → sanitised DOM → our decorations → HTML. No caching.</summary>
    internal string ToSafeHtml(string markdown)
    {
        var rawHtml = Markdown.ToHtml(markdown, this.pipeline);
        return SanitizeAndDecorate(rawHtml);
    }

    /// <summary>
    /// The HTML half of the pipeline: allow-list sanitising, then our additions. Raw HTML never reaches it from
    /// Markdown (the pipeline escapes it), but it must hold on its own: tests feed it hostile HTML directly.
    /// </summary>
    internal string SanitizeAndDecorate(string html)
    {
        using var document = sanitizer.SanitizeDom(html);
        SafeHtmlDecorator.Decorate(document);
        return document.Body is { } body ? body.ChildNodes.ToHtml(sanitizer.OutputFormatter) : string.Empty;
    }

    /// <summary>Number of finished renders held in the cache (for tests and diagnostics).</summary>
    internal long CachedCount => this.cache.Count;

    public void Dispose() => this.cache.Dispose();

    private static string CacheKey(string markdown)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(markdown), hash);
        return Convert.ToBase64String(hash);
    }
}
