using System.Net;
using Grimoire.Web.Tests.Infrastructure;

namespace Grimoire.Web.Tests.Hosting;

public sealed class HostTests : IDisposable
{
    private readonly GrimoireAppFactory factory = new();

    [Fact]
    public async Task Healthz_checks_the_database_and_is_anonymous()
    {
        using var client = SignedInClient.Anonymous(factory);
        using var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_embedded_database_lives_in_the_configured_data_folder()
    {
        using var client = SignedInClient.Anonymous(factory);
        (await client.GetAsync("/healthz")).Dispose();

        Assert.True(File.Exists(Path.Combine(factory.DataDirectory, "grimoire.db")));
        Assert.True(Directory.Exists(Path.Combine(factory.DataDirectory, "keys")), "Data Protection keys are not persisted.");
    }

    [Theory]
    [InlineData("/_framework/blazor.web.js")]
    [InlineData("/_content/MudBlazor/MudBlazor.min.css")]
    [InlineData("/_content/MudBlazor/MudBlazor.min.js")]
    public async Task Framework_and_component_assets_are_served_outside_development(string path)
    {
        using var client = SignedInClient.Anonymous(factory);
        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task An_unknown_address_is_a_friendly_404()
    {
        using var client = await SignedInClient.SignInAsync(factory, "alex@demo.grimoire.test");
        using var response = await client.GetAsync("/no/such/page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("There is nothing at this address", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    public void Dispose() => factory.Dispose();
}
