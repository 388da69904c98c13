using Grimoire.Llm.Catalogue;
using Microsoft.Extensions.AI;

namespace Grimoire.Llm.Pipeline;

/// <summary>What <see cref="ParameterRules.Apply"/> decided: the options to send, or a refusal in words.</summary>
/// <param name="Options">A copy of the requested options with the rules applied (null when refused).</param>
/// <param name="Thinking">Thinking is on in what is sent.</param>
/// <param name="ThinkingBudget">The budget sent, for budget-controlled thinking.</param>
/// <param name="ThinkingEffort">The effort sent, for effort-controlled thinking.</param>
/// <param name="TemperatureKept">False when a requested temperature was dropped because the model thinks.</param>
/// <param name="Refusal">Why nothing can be sent, or null.</param>
public sealed record AppliedParameters(
    ChatOptions? Options, bool Thinking, int? ThinkingBudget, ReasoningEffort? ThinkingEffort, bool TemperatureKept, string? Refusal);

/// <summary>
/// A model's parameter rules (AC1.5) applied to requested options: max tokens within the model's range, thinking only
/// where the model thinks (a budget between 1,024 and max tokens, or an effort of low, medium or high), and no
/// temperature while thinking on models that forbid it. Applying it twice changes nothing, so the pre-flight (which
/// records what is sent) and the provider pipeline (which enforces it on every call) use this one rule.
/// </summary>
public static class ParameterRules
{
    /// <summary>The budget used when thinking by budget is asked for without one.</summary>
    public const int DefaultThinkingBudget = 2048;

    public static AppliedParameters Apply(ModelPolicy policy, ChatOptions? requested)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var options = requested?.Clone() ?? new ChatOptions();
        options.AdditionalProperties?.Remove(ModelPolicyOptions.PropertyKey);
        var ceiling = Math.Max(1, policy.MaxOutputTokens ?? ModelRules.DefaultMaxOutputTokens);
        var maxTokens = Math.Clamp(options.MaxOutputTokens ?? ceiling, 1, ceiling);
        options.MaxOutputTokens = maxTokens;

        var thinking = policy.SupportsThinking && requested.WantsThinking();
        var budget = options.GetThinkingBudget();
        var effort = options.Reasoning?.Effort;
        options.AdditionalProperties?.Remove(ThinkingBudget.PropertyKey);
        options.Reasoning = null;
        int? sentBudget = null;
        ReasoningEffort? sentEffort = null;
        if (thinking && policy.ThinkingControl == ThinkingControl.Budget)
        {
            if (maxTokens <= ModelRules.MinThinkingBudget)
            {
                return new AppliedParameters(null, true, null, null, false,
                    $"With thinking on, max tokens must be above {ModelRules.MinThinkingBudget:N0} (the smallest thinking budget).");
            }

            sentBudget = Math.Clamp(budget ?? DefaultThinkingBudget, ModelRules.MinThinkingBudget, maxTokens - 1);
            options.WithThinkingBudget(sentBudget.Value);
        }
        else if (thinking)
        {
            sentEffort = effort == ReasoningEffort.Low || effort == ReasoningEffort.High ? effort : ReasoningEffort.Medium;
            options.Reasoning = new ReasoningOptions { Effort = sentEffort };
        }
        else if (policy.SupportsThinking)
        {
            options.Reasoning = new ReasoningOptions { Effort = ReasoningEffort.None };
        }

        var keepTemperature = !thinking || policy.AllowsTemperatureWithThinking;
        if (options.Temperature is { } t)
        {
            options.Temperature = keepTemperature ? Math.Clamp(t, 0f, 2f) : null;
        }

        if (options.AdditionalProperties is { Count: 0 })
        {
            options.AdditionalProperties = null;
        }

        return new AppliedParameters(options, thinking, sentBudget, sentEffort, keepTemperature, null);
    }
}
