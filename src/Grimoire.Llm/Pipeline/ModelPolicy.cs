using Grimoire.Llm.Catalogue;
using Microsoft.Extensions.AI;

namespace Grimoire.Llm.Pipeline;

/// <summary>
/// A model's parameter rules as a course allows it (AC1.5): the longest answer, whether and how it thinks, and whether
/// temperature may be set while it thinks. Attach it to the options with <see cref="ModelPolicyOptions.WithModelPolicy"/>
/// and the provider pipeline enforces it on every call (<see cref="ParameterRules"/>).
/// </summary>
public sealed record ModelPolicy(
    int? MaxOutputTokens,
    bool SupportsThinking,
    ThinkingControl ThinkingControl,
    bool AllowsTemperatureWithThinking)
{
    /// <summary>The rules a catalogue entry implies (what the CLI and the course's model snapshot use).</summary>
    public static ModelPolicy For(ModelInfo model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new ModelPolicy(
            model.MaxOutputTokens, model.Capabilities.Thinking, model.Capabilities.ThinkingControl, ModelRules.TemperatureAllowedWithThinking(model));
    }
}

/// <summary>
/// The policy rides in <see cref="ChatOptions.AdditionalProperties"/>, like the thinking budget, so it travels with the
/// options from where they are decided to the client that sends them. The pipeline takes it off before the adapters.
/// </summary>
public static class ModelPolicyOptions
{
    /// <summary>The additional-properties key that holds the <see cref="ModelPolicy"/>.</summary>
    public const string PropertyKey = "grimoire.model_policy";

    public static ChatOptions WithModelPolicy(this ChatOptions options, ModelPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(policy);
        options.AdditionalProperties ??= [];
        options.AdditionalProperties[PropertyKey] = policy;
        return options;
    }

    public static ModelPolicy? GetModelPolicy(this ChatOptions? options) =>
        options?.AdditionalProperties is { } props && props.TryGetValue(PropertyKey, out var value) ? value as ModelPolicy : null;
}
