using Grimoire.Web.Security.Http;

namespace Grimoire.Web.Tests.Security.Http;

public sealed class ProxyOptionsValidatorTests
{
    [Fact]
    public void Proxy_addresses_and_networks_that_do_not_parse_are_refused_naming_the_setting()
    {
        var result = new ProxyOptionsValidator().Validate(null, new ProxyOptions
        {
            KnownProxies = ["10.0.0.5", "proxy.uni.edu"],
            KnownNetworks = ["10.0.0.0/24", "10.0.0.0/99"],
        });

        Assert.Equal(
            ["Grimoire:Proxy:KnownProxies:1 must be an IP address, not 'proxy.uni.edu'.",
             "Grimoire:Proxy:KnownNetworks:1 must be a network such as 10.0.0.0/24, not '10.0.0.0/99'."],
            result.Failures);
    }

    [Fact]
    public void Addresses_and_networks_of_both_families_pass() =>
        Assert.True(new ProxyOptionsValidator().Validate(null, new ProxyOptions
        {
            KnownProxies = ["127.0.0.1", "::1"],
            KnownNetworks = ["10.0.0.0/8", "fd00::/8"],
        }).Succeeded);
}
