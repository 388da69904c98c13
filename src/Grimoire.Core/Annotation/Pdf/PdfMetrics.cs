using System.Diagnostics.Metrics;

namespace Grimoire.Core.Annotation.Pdf;

/// <summary>
/// <c>grimoire.exports.pdf_renders</c> (by outcome: ok, timeout, failed), <c>grimoire.exports.pdf_duration</c> (seconds)
/// and <c>grimoire.exports.pdf_browser_starts</c> on the Grimoire meter.
/// </summary>
public sealed class PdfMetrics
{
    private readonly Counter<long> renders;
    private readonly Histogram<double> duration;
    private readonly Counter<long> browserStarts;

    public PdfMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(Playground.PlaygroundRefusals.MeterName);
        renders = meter.CreateCounter<long>("grimoire.exports.pdf_renders", "{render}", "PDF exports printed, by outcome.");
        duration = meter.CreateHistogram<double>("grimoire.exports.pdf_duration", "s", "Time to print one PDF export, waiting for a page included.");
        browserStarts = meter.CreateCounter<long>("grimoire.exports.pdf_browser_starts", "{start}",
            "Starts of the shared PDF browser (more than one means it died and was started again).");
    }

    public void Printed(TimeSpan elapsed, string outcome)
    {
        var tag = new KeyValuePair<string, object?>("outcome", outcome);
        renders.Add(1, tag);
        duration.Record(elapsed.TotalSeconds, tag);
    }

    public void BrowserStarted() => browserStarts.Add(1);
}
