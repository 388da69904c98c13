using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Grimoire.Llm.Tests.Infrastructure;

/// <summary>
/// Listens to the instruments one <see cref="IMeterFactory"/> made (so tests running in parallel, each with its own
/// service provider, never see each other's numbers) and keeps every measurement with its tags.
/// </summary>
internal sealed class MeasurementRecorder : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly ConcurrentQueue<Measurement> measurements = new();

    public MeasurementRecorder(IMeterFactory factory)
    {
        this.listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, factory))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        this.listener.SetMeasurementEventCallback<long>((i, value, tags, _) => Add(i, value, tags));
        this.listener.SetMeasurementEventCallback<double>((i, value, tags, _) => Add(i, value, tags));
        this.listener.Start();
    }

    public IReadOnlyList<Measurement> All => [.. measurements];

    public IReadOnlyList<Measurement> Of(string instrument) => [.. measurements.Where(m => m.Instrument == instrument)];

    public double Sum(string instrument) => Of(instrument).Sum(m => m.Value);

    public void Dispose() => this.listener.Dispose();

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        measurements.Enqueue(new Measurement(instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value?.ToString())));

    internal sealed record Measurement(string Instrument, double Value, IReadOnlyDictionary<string, string?> Tags);
}
