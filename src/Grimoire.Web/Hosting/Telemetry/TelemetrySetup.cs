using Grimoire.Core.Hosting;
using Grimoire.Llm;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Grimoire.Web.Hosting.Telemetry;

/// <summary>
/// OpenTelemetry for the host (issue 16 item 4): ASP.NET Core, HttpClient, EF Core and runtime instrumentation plus
/// the <c>Grimoire</c> meter and the provider pipeline's <c>gen_ai.*</c> source, exported on a Prometheus endpoint
/// (<see cref="TelemetryOptions.Prometheus"/>: on in the demo setting) and over OTLP when an endpoint is configured.
/// With neither, OpenTelemetry is not registered at all.
/// </summary>
internal static class TelemetrySetup
{
    /// <summary>Meters exported: ours, the provider pipeline's <c>gen_ai.*</c>, and EF Core's.</summary>
    private static readonly string[] Meters = ["Grimoire", GrimoireLlmServiceCollectionExtensions.TelemetrySourceName, "Microsoft.EntityFrameworkCore"];

    public static WebApplicationBuilder AddGrimoireTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Options.IValidateOptions<TelemetryOptions>, TelemetryOptionsValidator>());
        builder.Services.AddMetrics();
        builder.Services.TryAddSingleton<CircuitMetrics>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, CircuitMetricsHandler>());

        var options = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var prometheus = PrometheusOn(options, builder.Environment);
        var otlp = OtlpTargetOf(options, builder.Configuration[TelemetryOptions.StandardOtlpEndpointSetting]);
        if (!prometheus && otlp is null)
        {
            return builder;
        }

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(options.ServiceName));
        telemetry.WithMetrics(metrics =>
        {
            metrics.AddMeter(Meters)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation();
            if (prometheus)
            {
                // No response cache: a scrape shows the numbers as they are (scrapers come every few seconds anyway).
                metrics.AddPrometheusExporter(exporter => exporter.ScrapeResponseCacheDurationMilliseconds = 0);
            }

            if (otlp is { } target)
            {
                metrics.AddOtlpExporter(exporter => target.Apply(exporter, "v1/metrics"));
            }
        });
        if (otlp is { } traceTarget)
        {
            // Traces only leave the process over OTLP; ids in paths are replaced by {id} (TelemetryRedaction).
            telemetry.WithTracing(tracing => tracing
                .AddSource(GrimoireLlmServiceCollectionExtensions.TelemetrySourceName)
                .AddAspNetCoreInstrumentation(aspNet => aspNet.EnrichWithHttpResponse = (activity, response) =>
                    activity.SetTag("url.path", TelemetryRedaction.Path(response.HttpContext.Request.Path.Value ?? "")))
                .AddHttpClientInstrumentation(http => http.EnrichWithHttpRequestMessage = (activity, request) =>
                {
                    if (request.RequestUri is { IsAbsoluteUri: true } uri)
                    {
                        activity.SetTag("url.full", uri.GetLeftPart(UriPartial.Authority) + TelemetryRedaction.Path(uri.AbsolutePath));
                    }
                })
                .AddEntityFrameworkCoreInstrumentation()
                .AddOtlpExporter(exporter => traceTarget.Apply(exporter, "v1/traces")));
        }

        return builder;
    }

    /// <summary>Maps the Prometheus scraping endpoint when it is on; otherwise the path is an ordinary 404.</summary>
    public static WebApplication MapGrimoireMetrics(this WebApplication app)
    {
        var options = app.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (PrometheusOn(options, app.Environment))
        {
            app.MapPrometheusScrapingEndpoint(options.PrometheusPath).AllowAnonymous();
        }

        return app;
    }

    internal static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    internal static OtlpExportProtocol? ProtocolOf(string? name) => name switch
    {
        "grpc" => OtlpExportProtocol.Grpc,
        "http/protobuf" => OtlpExportProtocol.HttpProtobuf,
        _ => null,
    };

    private static bool PrometheusOn(TelemetryOptions options, IHostEnvironment environment) =>
        options.Prometheus ?? HostingModes.IsDemo(environment);

    /// <summary>Our setting, else the standard variable (which the exporter reads itself), else none. Bad values: none (the validator refuses them).</summary>
    private static OtlpTarget? OtlpTargetOf(TelemetryOptions options, string? standardEndpoint)
    {
        if (options.OtlpEndpoint is { } endpoint)
        {
            return IsHttpUrl(endpoint) && ProtocolOf(options.OtlpProtocol) is { } protocol ? new OtlpTarget(new Uri(endpoint), protocol) : null;
        }

        return standardEndpoint is { Length: > 0 } && IsHttpUrl(standardEndpoint)
            ? new OtlpTarget(null, null)
            : null;
    }

    /// <summary>An explicit endpoint and protocol, or (both null) whatever the standard <c>OTEL_EXPORTER_OTLP_*</c> variables say.</summary>
    private sealed record OtlpTarget(Uri? Endpoint, OtlpExportProtocol? Protocol)
    {
        public void Apply(OtlpExporterOptions exporter, string signalPath)
        {
            if (Endpoint is null || Protocol is not { } protocol)
            {
                return;
            }

            exporter.Protocol = protocol;
            // Over HTTP each signal has its own path; over gRPC the endpoint is used as given.
            exporter.Endpoint = protocol == OtlpExportProtocol.HttpProtobuf
                ? new Uri(Endpoint, Endpoint.AbsolutePath.TrimEnd('/') + "/" + signalPath)
                : Endpoint;
        }
    }
}
