using Grimoire.Core.Courses;
using Grimoire.Llm;
using Grimoire.Llm.Pipeline;
using Microsoft.Extensions.AI;
using LlmThinkingControl = Grimoire.Llm.Catalogue.ThinkingControl;

namespace Grimoire.Core.Playground.Turns;

/// <summary>
/// The student's controls as options, with the course model's rules applied: what is actually sent, and what to record.
/// The server enforces what the UI shows (AC1.5) through <see cref="ParameterRules"/> — here, to record the parameters
/// and refuse before anything is stored, and again in the provider pipeline, which reads the <see cref="ModelPolicy"/>
/// these options carry.
/// </summary>
internal static class TurnOptionsBuilder
{
    public const int DefaultThinkingBudget = ParameterRules.DefaultThinkingBudget;

    /// <summary>The options to send and the parameters to record, or a refusal in words.</summary>
    public static (ChatOptions? Options, MessageParameters? Parameters, string? Refusal) Build(
        CourseModelConfig model, TurnSettings settings, string systemPrompt)
    {
        var policy = PolicyOf(model);
        var requested = new ChatOptions
        {
            Instructions = string.IsNullOrWhiteSpace(systemPrompt) ? null : systemPrompt,
            MaxOutputTokens = settings.MaxTokens,
            Temperature = settings.Temperature is { } t ? (float)t : null,
            Reasoning = new ReasoningOptions { Effort = settings.ThinkingEnabled ? Effort(settings.ThinkingEffort) : ReasoningEffort.None },
        };
        if (settings.ThinkingEnabled && settings.ThinkingBudget is { } asked)
        {
            requested.WithThinkingBudget(Math.Max(1, asked));
        }

        var applied = ParameterRules.Apply(policy, requested);
        if (applied.Options is not { } options)
        {
            return (null, null, applied.Refusal);
        }

        options.WithModelPolicy(policy);
        var temperature = applied.TemperatureKept && settings.Temperature is { } kept ? Math.Clamp(kept, 0, 2) : (double?)null;
        var parameters = new MessageParameters(
            model.Id, model.DisplayName, temperature, options.MaxOutputTokens ?? settings.MaxTokens,
            applied.Thinking, applied.ThinkingBudget, EffortName(applied.ThinkingEffort), systemPrompt);
        return (options, parameters, null);
    }

    /// <summary>The course model's rules, as the provider pipeline enforces them.</summary>
    public static ModelPolicy PolicyOf(CourseModelConfig model) => new(
        model.MaxOutputTokens,
        model.SupportsThinking,
        model.ThinkingControl switch
        {
            Courses.ThinkingControl.Budget => LlmThinkingControl.Budget,
            Courses.ThinkingControl.Effort => LlmThinkingControl.Effort,
            _ => LlmThinkingControl.None,
        },
        model.AllowsTemperatureWithThinking);

    private static ReasoningEffort Effort(string? name) => name switch
    {
        "low" => ReasoningEffort.Low,
        "high" => ReasoningEffort.High,
        _ => ReasoningEffort.Medium,
    };

    private static string? EffortName(ReasoningEffort? effort) =>
        effort is null ? null
        : effort == ReasoningEffort.Low ? "low"
        : effort == ReasoningEffort.High ? "high"
        : "medium";
}
