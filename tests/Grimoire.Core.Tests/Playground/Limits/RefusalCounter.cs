using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Grimoire.Core.Playground;

namespace Grimoire.Core.Tests.Playground.Limits;

/// <summary>Listens to one host's <c>grimoire.playground.refusals</c> (tests of other hosts run in parallel: filtered by meter instance).</summary>
public sealed class RefusalCounter : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly ConcurrentQueue<string> reasons = new();

    public RefusalCounter(PlaygroundRefusals refusals)
    {
        ArgumentNullException.ThrowIfNull(refusals);
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, refusals.Meter) && instrument.Name == "grimoire.playground.refusals")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "reason")
                {
                    reasons.Enqueue((string)tag.Value!);
                }
            }
        });
        listener.Start();
    }

    public IReadOnlyList<string> Reasons => [.. reasons];

    public void Dispose() => listener.Dispose();
}
