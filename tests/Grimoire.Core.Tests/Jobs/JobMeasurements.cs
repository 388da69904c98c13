using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Grimoire.Core.Tests.Jobs;

/// <summary>
/// Every measurement of the course-job counters made through one service provider's meter factory (tests run in
/// parallel, each with its own factory, so other tests' jobs are not counted), as "name kind=… state=…" lines.
/// </summary>
public sealed class JobMeasurements : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly ConcurrentQueue<string> lines = new();

    public JobMeasurements(IMeterFactory factory)
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, factory) && instrument.Name.StartsWith("grimoire.course_jobs.", StringComparison.Ordinal))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var tagText = string.Join(' ', tags.ToArray().OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}"));
            for (var i = 0; i < value; i++)
            {
                lines.Enqueue($"{instrument.Name} {tagText}");
            }
        });
        listener.Start();
    }

    public IReadOnlyList<string> Lines => [.. lines];

    public int Count(string line) => Lines.Count(l => l == line);

    public void Dispose() => listener.Dispose();
}
