namespace Grimoire.Llm.Tests.Infrastructure;

/// <summary>A fake provider server and the provider layer pointed at it, started and stopped together.</summary>
internal sealed class ProviderHarness : IAsyncDisposable
{
    private ProviderHarness(FakeProviderServer server, TestProviders providers)
    {
        Server = server;
        Providers = providers;
    }

    public FakeProviderServer Server { get; }

    public TestProviders Providers { get; }

    public static async Task<ProviderHarness> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var server = await FakeProviderServer.StartAsync();
        return new ProviderHarness(server, new TestProviders(server.BaseUrl, settings));
    }

    public async ValueTask DisposeAsync()
    {
        Providers.Dispose();
        await Server.DisposeAsync();
    }
}
