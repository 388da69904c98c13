using Grimoire.Core.Courses;
using Grimoire.Core.Playground;

namespace Grimoire.Web.Features.Playground.Session;

/// <summary>The controls' state for the next message. Mutable: the controls bind to it.</summary>
public sealed class PlaygroundSettings
{
    public Guid? ModelConfigId { get; set; }

    public double Temperature { get; set; } = 0.7;

    /// <summary>False sends no temperature (the provider's default).</summary>
    public bool SendTemperature { get; set; } = true;

    public int MaxTokens { get; set; } = 4096;

    public bool ThinkingEnabled { get; set; } = true;

    public int ThinkingBudget { get; set; } = 2048;

    public string ThinkingEffort { get; set; } = "medium";

    /// <summary>AC1.5: temperature is disabled while thinking is on for a model that forbids it.</summary>
    public static bool TemperatureAllowed(ModelChoice? model, bool thinkingOn) =>
        model is null || !(thinkingOn && model.SupportsThinking) || model.AllowsTemperatureWithThinking;

    public TurnSettings ToTurnSettings(ModelChoice model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var thinking = ThinkingEnabled && model.SupportsThinking;
        double? temperature = SendTemperature && TemperatureAllowed(model, thinking) ? Temperature : null;
        return new TurnSettings(model.Id, temperature, MaxTokens, thinking,
            model.ThinkingControl == ThinkingControl.Budget ? ThinkingBudget : null,
            model.ThinkingControl == ThinkingControl.Effort ? ThinkingEffort : null);
    }

    /// <summary>Restores what the last answer was made with, so reopening a conversation continues it as it was.</summary>
    public void RestoreFrom(MessageParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ModelConfigId = parameters.ModelConfigId;
        MaxTokens = parameters.MaxTokens;
        ThinkingEnabled = parameters.ThinkingEnabled;
        ThinkingBudget = parameters.ThinkingBudget ?? ThinkingBudget;
        ThinkingEffort = parameters.ThinkingEffort ?? ThinkingEffort;
        if (parameters.Temperature is { } t)
        {
            Temperature = t;
        }
    }

    /// <summary>Keeps the numbers inside what the chosen model accepts.</summary>
    public void FitTo(ModelChoice? model)
    {
        if (model is null)
        {
            return;
        }

        MaxTokens = Math.Clamp(MaxTokens, 1, model.MaxOutputTokens ?? 8192);
        if (model.ThinkingControl == ThinkingControl.Budget)
        {
            ThinkingBudget = MaxTokens > 1024 ? Math.Clamp(ThinkingBudget, 1024, MaxTokens - 1) : 1024;
        }
    }
}
