using Microsoft.Extensions.Options;

namespace Grimoire.Web.Hosting.Telemetry;

/// <summary>Refuses to start with a telemetry setting that would silently export nothing, naming the setting.</summary>
internal sealed class TelemetryOptionsValidator(IConfiguration configuration) : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.PrometheusPath) || !options.PrometheusPath.StartsWith('/') || options.PrometheusPath.Length < 2
            || options.PrometheusPath.Contains('?', StringComparison.Ordinal) || options.PrometheusPath.Contains('#', StringComparison.Ordinal))
        {
            failures.Add($"{TelemetryOptions.Section}:PrometheusPath must be a path such as /metrics (got '{options.PrometheusPath}').");
        }

        if (options.OtlpEndpoint is { } endpoint && !TelemetrySetup.IsHttpUrl(endpoint))
        {
            failures.Add($"{TelemetryOptions.Section}:OtlpEndpoint must be an absolute http(s) URL such as http://collector:4317 (got '{endpoint}').");
        }
        else if (options.OtlpEndpoint is null && configuration[TelemetryOptions.StandardOtlpEndpointSetting] is { Length: > 0 } standard
            && !TelemetrySetup.IsHttpUrl(standard))
        {
            failures.Add($"{TelemetryOptions.StandardOtlpEndpointSetting} must be an absolute http(s) URL such as http://collector:4317 (got '{standard}').");
        }

        if (TelemetrySetup.ProtocolOf(options.OtlpProtocol) is null)
        {
            failures.Add($"{TelemetryOptions.Section}:OtlpProtocol must be 'grpc' or 'http/protobuf' (got '{options.OtlpProtocol}').");
        }

        if (string.IsNullOrWhiteSpace(options.ServiceName))
        {
            failures.Add($"{TelemetryOptions.Section}:ServiceName must not be empty.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
