using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Grimoire.Web.Hosting.Telemetry;

/// <summary><c>grimoire.circuits.open</c> on the "Grimoire" meter: interactive circuits open on this node. Singleton.</summary>
public sealed class CircuitMetrics
{
    public const string MeterName = "Grimoire";
    public const string CircuitsOpen = "grimoire.circuits.open";

    private readonly UpDownCounter<long> open;

    public CircuitMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        open = meterFactory.Create(MeterName).CreateUpDownCounter<long>(CircuitsOpen, "{circuit}", "Interactive (Blazor Server) circuits open on this node.");
    }

    internal void Opened() => open.Add(1);

    internal void Closed() => open.Add(-1);
}

/// <summary>Counts each circuit in <see cref="CircuitMetrics"/> from open to close (one handler per circuit).</summary>
internal sealed class CircuitMetricsHandler(CircuitMetrics metrics) : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        metrics.Opened();
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        metrics.Closed();
        return Task.CompletedTask;
    }
}
