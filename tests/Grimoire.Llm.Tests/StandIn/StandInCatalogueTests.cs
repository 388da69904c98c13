using Grimoire.Llm.Catalogue;
using Grimoire.OpenRouterStandIn.Catalogue;

namespace Grimoire.Llm.Tests.StandIn;

/// <summary>Our OpenRouter catalogue client reads the stand-in's <c>GET /api/v1/models</c> like OpenRouter's.</summary>
public sealed class StandInCatalogueTests : StandInTest
{
    private async Task<CatalogueSnapshot> CatalogueAsync() =>
        await Providers.Registry.GetModelsAsync(new ProviderEndpoint(ProviderKinds.OpenRouter), Ct);

    [Fact]
    public async Task Every_model_maps_with_real_looking_ids_and_prices_per_million()
    {
        var snapshot = await CatalogueAsync();

        Assert.False(snapshot.IsStale, snapshot.RefreshError);
        Assert.Equal(StandInCatalogue.Default.Select(m => m.Id), snapshot.Models.Select(m => m.Id));
        Assert.Equal(8, snapshot.Models.Count);
        Assert.All(snapshot.Models, m =>
        {
            Assert.Matches("^[a-z0-9-]+/[a-z0-9.-]+$", m.Id);
            Assert.Equal(ProviderKinds.OpenRouter, m.ProviderKind);
            Assert.True(m.Pricing.InputPerMillion > 0 && m.Pricing.OutputPerMillion > m.Pricing.InputPerMillion, m.Id);
            Assert.Contains("stand-in", m.Description, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Sonnet_is_a_budget_thinking_vision_and_file_model_that_refuses_temperature_with_thinking()
    {
        var sonnet = (await CatalogueAsync()).Find("anthropic/claude-sonnet-4.5")!;

        Assert.Equal(new ModelPricing(3m, 15m, 0.3m), sonnet.Pricing);
        Assert.Equal(new ModelCapabilities(true, ThinkingControl.Budget, true, true, false), sonnet.Capabilities);
        Assert.Equal((1_000_000, 64_000), (sonnet.ContextLength, sonnet.MaxOutputTokens));
        Assert.Equal("Anthropic: Claude Sonnet 4.5", sonnet.Name);
    }

    [Fact]
    public async Task Capabilities_follow_supported_parameters_and_input_modalities()
    {
        var models = (await CatalogueAsync()).Models.ToDictionary(m => m.Id, m => m.Capabilities);

        Assert.Equal(new ModelCapabilities(false, ThinkingControl.None, true, true, true), models["openai/gpt-4o-mini"]);
        Assert.Equal(new ModelCapabilities(true, ThinkingControl.Effort, true, true, false), models["openai/gpt-5"]);
        Assert.Equal(new ModelCapabilities(true, ThinkingControl.Budget, true, true, true), models["google/gemini-2.5-flash"]);
        Assert.Equal(new ModelCapabilities(true, ThinkingControl.Effort, false, false, true), models["deepseek/deepseek-r1"]);
        Assert.Equal(ModelCapabilities.TextOnly, models["meta-llama/llama-3.3-70b-instruct"]);
        Assert.Equal(new ModelCapabilities(false, ThinkingControl.None, true, false, true), models["mistralai/mistral-small-3.2-24b-instruct"]);
    }

    [Fact]
    public async Task Cheap_model_prices_survive_the_string_round_trip_exactly()
    {
        var mini = (await CatalogueAsync()).Find("openai/gpt-4o-mini")!;

        Assert.Equal(new ModelPricing(0.15m, 0.6m, 0.075m), mini.Pricing);
        Assert.Equal(0.000021m, mini.Pricing.CostOf(100, 10));
    }
}
