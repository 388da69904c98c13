namespace Grimoire.Llm.Catalogue;

/// <summary>The rules the UI applies to a model's controls (AC1.5 and the token sliders).</summary>
public static class ModelRules
{
    /// <summary>Anthropic's smallest thinking budget.</summary>
    public const int MinThinkingBudget = 1024;

    /// <summary>Used when a catalogue does not say how long an answer may be.</summary>
    public const int DefaultMaxOutputTokens = 8192;

    /// <summary>
    /// May temperature be set while thinking is on? Never for Anthropic models, directly or through OpenRouter
    /// (<c>anthropic/…</c>), nor for the simulated thinker, which mimics them.
    /// </summary>
    public static bool TemperatureAllowedWithThinking(ModelInfo model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return !IsAnthropicModel(model) && model.Capabilities.TemperatureAllowedWithThinking;
    }

    /// <summary>Is the temperature control enabled, given the thinking toggle?</summary>
    public static bool TemperatureEnabled(ModelInfo model, bool thinkingOn) =>
        !thinkingOn || TemperatureAllowedWithThinking(model);

    /// <summary>The max-tokens range for the model.</summary>
    public static TokenRange MaxTokensRange(ModelInfo model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var max = model.MaxOutputTokens ?? Math.Min(DefaultMaxOutputTokens, Math.Max(1, model.ContextLength));
        return new TokenRange(1, Math.Max(1, max));
    }

    /// <summary>
    /// The thinking budget range: at least 1,024 and below max tokens (Anthropic's rule, applied to every budget
    /// model). Null when the model has no budget-controlled thinking.
    /// </summary>
    public static TokenRange? ThinkingBudgetRange(ModelInfo model, int maxTokens)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!model.Capabilities.Thinking || model.Capabilities.ThinkingControl != ThinkingControl.Budget)
        {
            return null;
        }

        var upper = maxTokens - 1;
        return upper < MinThinkingBudget ? null : new TokenRange(MinThinkingBudget, upper);
    }

    /// <summary>True for Anthropic models, whichever provider serves them.</summary>
    public static bool IsAnthropicModel(ModelInfo model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.ProviderKind == ProviderKinds.Anthropic
            || model.Id.StartsWith("anthropic/", StringComparison.Ordinal)
            || model.Id.StartsWith("claude", StringComparison.Ordinal);
    }
}
