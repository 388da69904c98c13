namespace Grimoire.Web.Hosting.Telemetry;

/// <summary>
/// <c>Grimoire:Telemetry</c>: where metrics and traces go. Nothing is collected unless one of the two exports is on.
/// The metrics carry only provider, model and status labels (and the platform's own: route templates, methods, status
/// codes) — never a person's, a conversation's or a key's id.
/// </summary>
public sealed class TelemetryOptions
{
    public const string Section = "Grimoire:Telemetry";

    /// <summary>The standard variable the OTLP exporter reads when <see cref="OtlpEndpoint"/> is not set.</summary>
    public const string StandardOtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// Serve the Prometheus text format at <see cref="PrometheusPath"/>, unauthenticated. Unset: on in the demo setting,
    /// off elsewhere. Outside the demo, restrict the path at the proxy or network (it shows aggregate counts only).
    /// </summary>
    public bool? Prometheus { get; set; }

    public string PrometheusPath { get; set; } = "/metrics";

    /// <summary>An OTLP collector for metrics and traces; unset falls back to <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, else none.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary><c>grpc</c> (default) or <c>http/protobuf</c>, for <see cref="OtlpEndpoint"/>.</summary>
    public string OtlpProtocol { get; set; } = "grpc";

    /// <summary>The <c>service.name</c> resource attribute.</summary>
    public string ServiceName { get; set; } = "grimoire";
}
