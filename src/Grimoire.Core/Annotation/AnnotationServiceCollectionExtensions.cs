using Grimoire.Core.Annotation.Exports;
using Grimoire.Core.Annotation.Snapshot;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Grimoire.Core.Annotation;

public static class AnnotationServiceCollectionExtensions
{
    /// <summary>Annotation documents, tags, highlights and exports (issue 11). The web host replaces <see cref="IMarkdownHtml"/>.</summary>
    public static IServiceCollection AddGrimoireAnnotation(this IServiceCollection services)
    {
        services.TryAddSingleton<IMarkdownHtml, PlainTextMarkdownHtml>();
        services.AddSingleton<AnnotationMetrics>();
        services.AddSingleton<AnnotationAccess>();
        services.AddSingleton<ConversationRecords>();
        services.AddSingleton<AnnotationDocuments>();
        services.AddSingleton<AnnotationTags>();
        services.AddSingleton<HighlightChanges>();
        services.AddSingleton<Highlights>();
        services.AddSingleton<ConversationExports>();
        return services;
    }
}
