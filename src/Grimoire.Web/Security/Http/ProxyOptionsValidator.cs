using System.Net;
using Microsoft.Extensions.Options;

namespace Grimoire.Web.Security.Http;

/// <summary>Fails start-up with the name of each proxy setting that is not an address or a network.</summary>
internal sealed class ProxyOptionsValidator : IValidateOptions<ProxyOptions>
{
    public ValidateOptionsResult Validate(string? name, ProxyOptions options)
    {
        var errors = new List<string>();
        for (var i = 0; i < options.KnownProxies.Count; i++)
        {
            if (!IPAddress.TryParse(options.KnownProxies[i], out _))
            {
                errors.Add($"{ProxyOptions.Section}:KnownProxies:{i} must be an IP address, not '{options.KnownProxies[i]}'.");
            }
        }

        for (var i = 0; i < options.KnownNetworks.Count; i++)
        {
            if (!IPNetwork.TryParse(options.KnownNetworks[i], out _))
            {
                errors.Add($"{ProxyOptions.Section}:KnownNetworks:{i} must be a network such as 10.0.0.0/24, not '{options.KnownNetworks[i]}'.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
