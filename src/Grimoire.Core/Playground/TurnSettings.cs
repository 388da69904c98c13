namespace Grimoire.Core.Playground;

/// <summary>The controls a student set for the next message (AC1.5, AC3.4).</summary>
/// <param name="ModelConfigId">One of the course's enabled models.</param>
/// <param name="Temperature">Null sends none (the provider's default).</param>
/// <param name="MaxTokens">Upper bound on the answer, thinking included where the provider counts it so.</param>
/// <param name="ThinkingEnabled">Thinking on or off.</param>
/// <param name="ThinkingBudget">Token budget, for models dialled by budget.</param>
/// <param name="ThinkingEffort">"low" | "medium" | "high", for models dialled by effort.</param>
public sealed record TurnSettings(
    Guid ModelConfigId,
    double? Temperature,
    int MaxTokens,
    bool ThinkingEnabled,
    int? ThinkingBudget = null,
    string? ThinkingEffort = null);
