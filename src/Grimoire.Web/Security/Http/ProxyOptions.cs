namespace Grimoire.Web.Security.Http;

/// <summary>
/// Bound from <c>Grimoire:Proxy</c>: the TLS-terminating reverse proxies whose <c>X-Forwarded-For</c> and
/// <c>X-Forwarded-Proto</c> are believed. Nobody else's are, not even loopback's unless listed.
/// </summary>
public sealed class ProxyOptions
{
    public const string Section = "Grimoire:Proxy";

    /// <summary>Proxy addresses, e.g. <c>10.0.0.5</c> (or <c>127.0.0.1</c> for a proxy on the same machine).</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Proxy networks in CIDR notation, e.g. <c>10.0.0.0/24</c>.</summary>
    public List<string> KnownNetworks { get; set; } = [];
}
