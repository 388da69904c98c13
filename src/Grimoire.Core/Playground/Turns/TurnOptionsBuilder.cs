using Grimoire.Core.Courses;
using Grimoire.Llm;
using Grimoire.Llm.Catalogue;
using Microsoft.Extensions.AI;

namespace Grimoire.Core.Playground.Turns;

/// <summary>
/// The course model's rules applied to the student's controls: what is actually sent. The server enforces what
/// the UI shows (AC1.5): temperature is dropped while thinking is on for models that forbid it.
/// </summary>
internal static class TurnOptionsBuilder
{
    public const int DefaultThinkingBudget = 2048;

    /// <summary>The options to send and the parameters to record, or a refusal in words.</summary>
    public static (ChatOptions? Options, MessageParameters? Parameters, string? Refusal) Build(
        CourseModelConfig model, TurnSettings settings, string systemPrompt)
    {
        var maxTokens = Math.Clamp(settings.MaxTokens, 1, model.MaxOutputTokens ?? ModelRules.DefaultMaxOutputTokens);
        var options = new ChatOptions
        {
            Instructions = string.IsNullOrWhiteSpace(systemPrompt) ? null : systemPrompt,
            MaxOutputTokens = maxTokens,
        };

        var thinking = settings.ThinkingEnabled && model.SupportsThinking;
        int? budget = null;
        string? effort = null;
        if (thinking && model.ThinkingControl == Courses.ThinkingControl.Budget)
        {
            if (maxTokens <= ModelRules.MinThinkingBudget)
            {
                return (null, null, $"With thinking on, max tokens must be above {ModelRules.MinThinkingBudget:N0} (the smallest thinking budget).");
            }

            budget = Math.Clamp(settings.ThinkingBudget ?? DefaultThinkingBudget, ModelRules.MinThinkingBudget, maxTokens - 1);
            options.WithThinkingBudget(budget.Value);
        }
        else if (thinking)
        {
            effort = settings.ThinkingEffort is "low" or "medium" or "high" ? settings.ThinkingEffort : "medium";
            options.Reasoning = new ReasoningOptions { Effort = effort switch { "low" => ReasoningEffort.Low, "high" => ReasoningEffort.High, _ => ReasoningEffort.Medium } };
        }
        else if (model.SupportsThinking)
        {
            options.Reasoning = new ReasoningOptions { Effort = ReasoningEffort.None };
        }

        var temperature = thinking && !model.AllowsTemperatureWithThinking ? null : settings.Temperature;
        if (temperature is { } t)
        {
            options.Temperature = (float)Math.Clamp(t, 0, 2);
        }

        var parameters = new MessageParameters(
            model.Id, model.DisplayName, temperature is null ? null : Math.Clamp(temperature.Value, 0, 2), maxTokens,
            thinking, budget, effort, systemPrompt);
        return (options, parameters, null);
    }
}
