using Grimoire.Llm.Catalogue;
using Grimoire.Llm.Pipeline;
using Microsoft.Extensions.AI;

namespace Grimoire.Llm.Tests.Pipeline;

/// <summary>The one parameter rule (AC1.5) the pre-flight and the pipeline share.</summary>
public sealed class ParameterRulesTests
{
    private static readonly ModelPolicy Budget = new(8000, true, ThinkingControl.Budget, false);
    private static readonly ModelPolicy Effort = new(null, true, ThinkingControl.Effort, true);
    private static readonly ModelPolicy Plain = new(4000, false, ThinkingControl.None, true);

    [Fact]
    public void Budget_thinking_clamps_the_budget_below_max_tokens_and_drops_temperature()
    {
        var applied = ParameterRules.Apply(Budget, new ChatOptions { MaxOutputTokens = 5000, Temperature = 1.5f }.WithThinkingBudget(9000));
        Assert.NotNull(applied.Options);

        Assert.True(applied.Thinking);
        Assert.Equal(4999, applied.ThinkingBudget);
        Assert.Equal(4999, applied.Options.GetThinkingBudget());
        Assert.Null(applied.Options.Temperature);
        Assert.False(applied.TemperatureKept);
        Assert.Null(applied.Options.Reasoning);
    }

    [Fact]
    public void Effort_thinking_keeps_low_medium_high_and_the_temperature_the_model_allows()
    {
        var applied = ParameterRules.Apply(Effort, new ChatOptions { Temperature = 3f, Reasoning = new() { Effort = ReasoningEffort.ExtraHigh } }.WithThinkingBudget(2048));
        Assert.NotNull(applied.Options);

        Assert.Equal(ReasoningEffort.Medium, applied.ThinkingEffort);
        Assert.Null(applied.Options.GetThinkingBudget());
        Assert.Equal(2f, applied.Options.Temperature);
        Assert.Equal(ModelRules.DefaultMaxOutputTokens, applied.Options.MaxOutputTokens);
    }

    [Fact]
    public void Thinking_is_turned_off_explicitly_for_thinkers_and_not_sent_to_others()
    {
        var off = ParameterRules.Apply(Budget, new ChatOptions { Reasoning = new() { Effort = ReasoningEffort.None } });
        var plain = ParameterRules.Apply(Plain, new ChatOptions { MaxOutputTokens = 99_999 }.WithThinkingBudget(2048));
        Assert.NotNull(off.Options);
        Assert.NotNull(plain.Options);

        Assert.Equal(ReasoningEffort.None, off.Options.Reasoning!.Effort);
        Assert.False(plain.Thinking);
        Assert.Null(plain.Options.Reasoning);
        Assert.Null(plain.Options.AdditionalProperties);
        Assert.Equal(4000, plain.Options.MaxOutputTokens);
    }

    [Theory]
    [InlineData(1200, 50, 0.5f)]
    [InlineData(30_000, 20_000, 1.9f)]
    [InlineData(4096, null, null)]
    public void Applying_twice_changes_nothing(int maxTokens, int? budget, float? temperature)
    {
        foreach (var policy in new[] { Budget, Effort, Plain })
        {
            var asked = new ChatOptions { MaxOutputTokens = maxTokens, Temperature = temperature, Reasoning = new() { Effort = ReasoningEffort.High } };
            if (budget is { } b)
            {
                asked.WithThinkingBudget(b);
            }

            var once = ParameterRules.Apply(policy, asked);
            var twice = ParameterRules.Apply(policy, once.Options);
            Assert.NotNull(once.Options);
            Assert.NotNull(twice.Options);

            Assert.Equal(once with { Options = null }, twice with { Options = null });
            Assert.Equal(once.Options.MaxOutputTokens, twice.Options.MaxOutputTokens);
            Assert.Equal(once.Options.Temperature, twice.Options.Temperature);
            Assert.Equal(once.Options.GetThinkingBudget(), twice.Options.GetThinkingBudget());
            Assert.Equal(once.Options.Reasoning?.Effort, twice.Options.Reasoning?.Effort);
        }
    }

    [Fact]
    public void Too_few_max_tokens_for_a_budget_is_refused_in_words()
    {
        var applied = ParameterRules.Apply(Budget, new ChatOptions { MaxOutputTokens = 1024 }.WithThinkingBudget(2048));

        Assert.Null(applied.Options);
        Assert.Equal("With thinking on, max tokens must be above 1,024 (the smallest thinking budget).", applied.Refusal);
    }
}
