using Grimoire.Core.Annotation.Exports;
using Grimoire.Core.Annotation.Pdf;
using Grimoire.Core.Annotation.Snapshot;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Grimoire.Core.Annotation;

public static class AnnotationServiceCollectionExtensions
{
    /// <summary>Annotation documents, tags, highlights and exports (issue 11). The web host replaces <see cref="IMarkdownHtml"/>.</summary>
    public static IServiceCollection AddGrimoireAnnotation(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PdfExportOptions>().Bind(configuration.GetSection(PdfExportOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PdfExportOptions>, PdfExportOptionsValidator>();
        services.AddSingleton<PdfMetrics>();
        services.AddSingleton<PdfPrinter>();
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
