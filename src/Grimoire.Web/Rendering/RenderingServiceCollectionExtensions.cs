using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Grimoire.Web.Rendering;

public static class RenderingServiceCollectionExtensions
{
    /// <summary>
    /// Registers the sanitising Markdown renderer (one per app, with its own bounded cache) and the browser
    /// clipboard (one per circuit).
    /// </summary>
    public static IServiceCollection AddGrimoireRendering(
        this IServiceCollection services, Action<MarkdownRenderingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<MarkdownRenderingOptions>()
            .Validate(o => o.CacheSizeLimitChars > 0 && o.MaxCachedMarkdownChars > 0,
                "Markdown rendering cache limits must be positive.")
            .ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddSingleton<MarkdownRenderer>();
        // Annotation snapshots render Markdown like the playground (replaces Core's plain-text fallback, either order).
        services.RemoveAll<Grimoire.Core.Annotation.Snapshot.IMarkdownHtml>();
        services.AddSingleton<Grimoire.Core.Annotation.Snapshot.IMarkdownHtml, MarkdownSnapshotHtml>();
        services.AddScoped<BrowserClipboard>();
        return services;
    }
}
