using System.Diagnostics.Metrics;

namespace Grimoire.Core.Annotation;

/// <summary><c>grimoire.annotation.documents_exported</c> and <c>grimoire.annotation.highlights_created</c> on the Grimoire meter.</summary>
public sealed class AnnotationMetrics
{
    private readonly Counter<long> documents;
    private readonly Counter<long> highlights;
    private readonly Counter<long> downloads;

    public AnnotationMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(Playground.PlaygroundRefusals.MeterName);
        documents = meter.CreateCounter<long>("grimoire.annotation.documents_exported", "{document}",
            "Conversations exported to annotation documents.");
        highlights = meter.CreateCounter<long>("grimoire.annotation.highlights_created", "{highlight}",
            "Highlights created on annotation documents.");
        downloads = meter.CreateCounter<long>("grimoire.exports.downloads", "{download}",
            "Conversation and document exports downloaded, by format.");
    }

    public void DocumentExported() => documents.Add(1);

    public void HighlightCreated() => highlights.Add(1);

    public void Downloaded(string format) => downloads.Add(1, new KeyValuePair<string, object?>("format", format));
}
