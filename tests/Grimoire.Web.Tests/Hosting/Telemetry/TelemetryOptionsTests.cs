using System.Diagnostics.Metrics;
using Grimoire.Web.Hosting.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Grimoire.Web.Tests.Hosting.Telemetry;

/// <summary>Telemetry settings refused at start-up by name, ids kept out of trace paths, and circuits counted.</summary>
public sealed class TelemetryOptionsTests
{
    private static TelemetryOptionsValidator Validator(string? standardEndpoint = null) =>
        new(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [TelemetryOptions.StandardOtlpEndpointSetting] = standardEndpoint,
        }).Build());

    [Fact]
    public void Defaults_are_valid()
    {
        Assert.True(Validator().Validate(null, new TelemetryOptions()).Succeeded);
        Assert.True(Validator("http://collector:4317").Validate(null, new TelemetryOptions()).Succeeded);
    }

    [Fact]
    public void Each_bad_setting_is_named()
    {
        var result = Validator().Validate(null, new TelemetryOptions
        {
            PrometheusPath = "metrics",
            OtlpEndpoint = "collector:4317",
            OtlpProtocol = "udp",
            ServiceName = " ",
        });

        Assert.True(result.Failed);
        var failures = result.Failures!.ToList();
        Assert.Contains(failures, f => f.StartsWith("Grimoire:Telemetry:PrometheusPath must be a path", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Grimoire:Telemetry:OtlpEndpoint must be an absolute http(s) URL", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Grimoire:Telemetry:OtlpProtocol must be 'grpc' or 'http/protobuf'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Grimoire:Telemetry:ServiceName", StringComparison.Ordinal));
    }

    [Fact]
    public void A_bad_standard_otlp_variable_is_named()
    {
        var result = Validator("not a url").Validate(null, new TelemetryOptions());

        Assert.Contains("OTEL_EXPORTER_OTLP_ENDPOINT must be an absolute http(s) URL", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/playground/0190f3a2-7b4c-7d2e-9f10-1234567890ab", "/playground/{id}")]
    [InlineData("/api/v1/keys/9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "/api/v1/keys/{id}")]
    [InlineData("/courses/42/keys", "/courses/{id}/keys")]
    [InlineData("/api/v1/chat/completions", "/api/v1/chat/completions")]
    [InlineData("/", "/")]
    public void Ids_in_trace_paths_become_placeholders(string path, string exported) =>
        Assert.Equal(exported, TelemetryRedaction.Path(path));

    [Fact]
    public async Task Circuits_are_counted_from_open_to_close()
    {
        using var services = new ServiceCollection().AddMetrics().AddSingleton<CircuitMetrics>().BuildServiceProvider();
        var factory = services.GetRequiredService<IMeterFactory>();
        long open = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, factory) && instrument.Name == CircuitMetrics.CircuitsOpen)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref open, value));
        listener.Start();
        var metrics = services.GetRequiredService<CircuitMetrics>();
        var first = new CircuitMetricsHandler(metrics);
        var second = new CircuitMetricsHandler(metrics);

        await first.OnCircuitOpenedAsync(null!, CancellationToken.None);
        await second.OnCircuitOpenedAsync(null!, CancellationToken.None);
        Assert.Equal(2, Interlocked.Read(ref open));
        await first.OnCircuitClosedAsync(null!, CancellationToken.None);
        Assert.Equal(1, Interlocked.Read(ref open));
    }
}
