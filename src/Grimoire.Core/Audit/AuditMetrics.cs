using System.Diagnostics.Metrics;

namespace Grimoire.Core.Audit;

/// <summary>
/// <c>grimoire.audit.append.duration</c> on the "Grimoire" meter: how long <see cref="AuditArchive.AppendAsync"/>
/// takes from the call to the record being on disk (queue, batch, write, flush or fsync), by status (<c>ok</c>,
/// <c>failed</c>). A slow disk shows here before turns feel it: every turn waits for its record. Singleton.
/// </summary>
public sealed class AuditMetrics
{
    public const string MeterName = "Grimoire";
    public const string AppendDuration = "grimoire.audit.append.duration";

    private readonly Histogram<double> appendDuration;

    public AuditMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        appendDuration = meterFactory.Create(MeterName).CreateHistogram(AppendDuration, "s",
            "Archive appends from the call until the record is written and flushed, by status.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] });
    }

    public void Appended(TimeSpan elapsed, bool ok) =>
        appendDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("status", ok ? "ok" : "failed"));
}
