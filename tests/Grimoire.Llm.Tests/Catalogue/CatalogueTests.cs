using Grimoire.Llm.Catalogue;
using Grimoire.Llm.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Grimoire.Llm.Tests.Catalogue;

public sealed class CatalogueTests : IAsyncLifetime
{
    private readonly ManualTimeProvider time = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
    private FakeProviderServer server = null!;
    private TestProviders? providers;

    private TestProviders Providers => providers ??= new TestProviders(
        server.BaseUrl,
        new Dictionary<string, string?> { ["Grimoire:Providers:CatalogueLifetime"] = "00:10:00" },
        services => services.AddSingleton<TimeProvider>(time));

    public async Task InitializeAsync() => server = await FakeProviderServer.StartAsync();

    public async Task DisposeAsync()
    {
        providers?.Dispose();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task OpenRouter_models_map_prices_per_million_and_capabilities()
    {
        server.Enqueue(ScriptedResponse.Json(200, "openrouter/models.json"));

        var snapshot = await Providers.Registry.GetModelsAsync(new ProviderEndpoint(ProviderKinds.OpenRouter), CancellationToken.None);

        Assert.Equal("/api/v1/models", server.Received[0].PathAndQuery);
        var sonnet = snapshot.Find("anthropic/claude-sonnet-4.5")!;
        Assert.Equal("Anthropic: Claude Sonnet 4.5", sonnet.Name);
        Assert.Equal(1_000_000, sonnet.ContextLength);
        Assert.Equal(64_000, sonnet.MaxOutputTokens);
        Assert.Equal(new ModelPricing(3m, 15m, 0.3m), sonnet.Pricing);
        Assert.Equal(new ModelCapabilities(true, ThinkingControl.Budget, true, true, false), sonnet.Capabilities);
        var o4 = snapshot.Find("openai/o4-mini")!;
        Assert.Equal(ThinkingControl.Effort, o4.Capabilities.ThinkingControl);
        Assert.Equal(1.1m, o4.Pricing.InputPerMillion);
        var llama = snapshot.Find("meta-llama/llama-3.3-70b-instruct")!;
        Assert.Equal(new ModelCapabilities(false, ThinkingControl.None, false, false, true), llama.Capabilities);
    }

    [Fact]
    public async Task Catalogue_is_cached_and_a_failed_refresh_keeps_the_last_good_list()
    {
        server.Enqueue(ScriptedResponse.Json(200, "openrouter/models.json"), ScriptedResponse.Json(503, "openrouter/error-503.json"));
        var endpoint = new ProviderEndpoint(ProviderKinds.OpenRouter);

        var first = await Providers.Registry.GetModelsAsync(endpoint, CancellationToken.None);
        var cached = await Providers.Registry.GetModelsAsync(endpoint, CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(11));
        var stale = await Providers.Registry.GetModelsAsync(endpoint, CancellationToken.None);

        Assert.Same(first, cached);
        Assert.Equal(2, server.Received.Count);
        Assert.True(stale.IsStale);
        Assert.Equal(first.Models, stale.Models);
        Assert.Contains("No provider can serve", stale.RefreshError, StringComparison.Ordinal);
        Assert.False(first.IsStale);
    }

    [Fact]
    public async Task Anthropic_models_are_completed_with_known_facts()
    {
        server.Enqueue(ScriptedResponse.Json(200, "anthropic/models.json"));

        var snapshot = await Providers.Registry.GetModelsAsync(new ProviderEndpoint(ProviderKinds.Anthropic, TestProviders.Key), CancellationToken.None);

        Assert.Equal(TestProviders.Key, server.Received[0].Header("x-api-key"));
        var sonnet = snapshot.Find("claude-sonnet-4-5-20250929")!;
        Assert.Equal("Claude Sonnet 4.5", sonnet.Name);
        Assert.Equal(new ModelPricing(3m, 15m, 0.3m), sonnet.Pricing);
        Assert.True(sonnet.Capabilities.Thinking);
        Assert.False(sonnet.Capabilities.TemperatureAllowedWithThinking);
        Assert.False(snapshot.Find("claude-3-5-haiku-20241022")!.Capabilities.Thinking);
    }

    [Fact]
    public async Task OpenAI_compatible_models_list_ids_with_configured_context()
    {
        server.Enqueue(ScriptedResponse.Json(200, "openai-compatible/models.json"));

        var snapshot = await Providers.Registry.GetModelsAsync(new ProviderEndpoint(ProviderKinds.OpenAICompatible), CancellationToken.None);

        Assert.Equal(["Qwen/Qwen3-8B", "deepseek-r1:7b"], snapshot.Models.Select(m => m.Id));
        Assert.Equal(32768, snapshot.Models[0].ContextLength);
    }

    [Fact]
    public async Task Anthropic_catalogue_without_a_key_is_stale_with_a_reason()
    {
        var snapshot = await Providers.Registry.GetModelsAsync(new ProviderEndpoint(ProviderKinds.Anthropic), CancellationToken.None);

        Assert.True(snapshot.IsStale);
        Assert.Empty(snapshot.Models);
        Assert.Contains("No API key", snapshot.RefreshError, StringComparison.Ordinal);
    }
}
