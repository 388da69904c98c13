using Microsoft.Extensions.AI;

namespace Grimoire.Llm;

/// <summary>
/// Thinking as a token budget. <see cref="ChatOptions.Reasoning"/> carries effort (and <c>Effort = None</c> for
/// "thinking off"); a budget has no place there, so it rides in <see cref="ChatOptions.AdditionalProperties"/>.
/// A budget wins over an effort when both are set.
/// </summary>
public static class ThinkingBudget
{
    /// <summary>The additional-properties key that holds the budget (an <see cref="int"/>).</summary>
    public const string PropertyKey = "grimoire.thinking_budget_tokens";

    /// <summary>Asks for thinking with a budget of <paramref name="tokens"/> tokens.</summary>
    public static ChatOptions WithThinkingBudget(this ChatOptions options, int tokens)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tokens);
        options.AdditionalProperties ??= [];
        options.AdditionalProperties[PropertyKey] = tokens;
        return options;
    }

    /// <summary>The budget set with <see cref="WithThinkingBudget"/>, if any.</summary>
    public static int? GetThinkingBudget(this ChatOptions? options) =>
        options?.AdditionalProperties is { } props && props.TryGetValue(PropertyKey, out var value)
            ? value switch
            {
                int i => i,
                long l => (int)l,
                _ => null,
            }
            : null;

    /// <summary>True when the options ask for thinking by budget or by an effort other than None.</summary>
    public static bool WantsThinking(this ChatOptions? options) =>
        options.GetThinkingBudget() is > 0
        || options?.Reasoning?.Effort is { } effort && effort != ReasoningEffort.None;

    /// <summary>True when the options turn thinking off explicitly (effort None).</summary>
    public static bool TurnsThinkingOff(this ChatOptions? options) =>
        options.GetThinkingBudget() is null && options?.Reasoning?.Effort == ReasoningEffort.None;
}
