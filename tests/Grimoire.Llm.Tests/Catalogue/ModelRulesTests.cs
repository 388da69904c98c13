using Grimoire.Llm.Anthropic;
using Grimoire.Llm.Catalogue;
using Grimoire.Llm.Simulated;

namespace Grimoire.Llm.Tests.Catalogue;

public sealed class ModelRulesTests
{
    private static ModelInfo OpenRouter(string id, bool temperatureWithThinking = true) => new(
        ProviderKinds.OpenRouter, id, id, 200_000, 64_000, ModelPricing.Free,
        new ModelCapabilities(true, ThinkingControl.Budget, false, false, temperatureWithThinking));

    [Fact]
    public void Temperature_is_not_allowed_with_thinking_for_anthropic_models_directly_or_via_openrouter()
    {
        Assert.False(ModelRules.TemperatureAllowedWithThinking(AnthropicModelFacts.Describe("claude-sonnet-4-5-20250929", null)));
        Assert.False(ModelRules.TemperatureAllowedWithThinking(OpenRouter("anthropic/claude-sonnet-4.5", temperatureWithThinking: true)));
        Assert.False(ModelRules.TemperatureAllowedWithThinking(SimulatedModels.Thinker));
        Assert.True(ModelRules.TemperatureAllowedWithThinking(OpenRouter("google/gemini-2.5-pro")));
        Assert.True(ModelRules.TemperatureEnabled(SimulatedModels.Thinker, thinkingOn: false));
        Assert.False(ModelRules.TemperatureEnabled(SimulatedModels.Thinker, thinkingOn: true));
    }

    [Fact]
    public void Thinking_budget_is_at_least_1024_and_below_max_tokens()
    {
        Assert.Equal(new TokenRange(1024, 4095), ModelRules.ThinkingBudgetRange(SimulatedModels.Thinker, 4096));
        Assert.Null(ModelRules.ThinkingBudgetRange(SimulatedModels.Thinker, 1000));
        Assert.Null(ModelRules.ThinkingBudgetRange(SimulatedModels.Swift, 4096));
    }

    [Fact]
    public void Max_tokens_range_follows_the_catalogue()
    {
        Assert.Equal(new TokenRange(1, 32_000), ModelRules.MaxTokensRange(SimulatedModels.Thinker));
        var unknown = SimulatedModels.Swift with { MaxOutputTokens = null, ContextLength = 4096 };
        Assert.Equal(new TokenRange(1, 4096), ModelRules.MaxTokensRange(unknown));
    }
}
