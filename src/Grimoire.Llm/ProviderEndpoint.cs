namespace Grimoire.Llm;

/// <summary>
/// Where and as whom to call a provider: the kind, an optional API key (resolved server-side, never shown) and an
/// optional base URL overriding the configured one. <see cref="ToString"/> never prints the key.
/// </summary>
public sealed record ProviderEndpoint(string Kind, string? ApiKey = null, Uri? BaseUrl = null)
{
    public override string ToString() =>
        $"ProviderEndpoint {{ Kind = {Kind}, ApiKey = {(ApiKey is null ? "(none)" : "[redacted]")}, BaseUrl = {BaseUrl?.ToString() ?? "(configured)"} }}";
}
