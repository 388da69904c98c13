using Microsoft.Extensions.AI;

namespace Grimoire.Llm.Streaming;

/// <summary>
/// Cost rides on <see cref="UsageContent.AdditionalProperties"/> because <see cref="UsageDetails"/> only holds counts.
/// </summary>
public static class UsageCost
{
    public const string CostUsdKey = "grimoire.cost_usd";
    public const string CostSourceKey = "grimoire.cost_source";

    /// <summary>A usage content carrying counts and (optionally) a cost.</summary>
    public static UsageContent Create(UsageDetails details, decimal? costUsd, CostSource source)
    {
        var content = new UsageContent(details);
        if (costUsd is { } cost)
        {
            content.AdditionalProperties = new() { [CostUsdKey] = cost, [CostSourceKey] = source };
        }

        return content;
    }

    /// <summary>The provider-neutral usage record for a usage content.</summary>
    public static TokenUsage ToTokenUsage(this UsageContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var d = content.Details;
        decimal? cost = null;
        var source = CostSource.None;
        if (content.AdditionalProperties is { } props && props.TryGetValue(CostUsdKey, out var value) && value is decimal c)
        {
            cost = c;
            source = props.TryGetValue(CostSourceKey, out var s) && s is CostSource cs ? cs : CostSource.Provider;
        }

        return new TokenUsage(
            d.InputTokenCount ?? 0,
            d.OutputTokenCount ?? 0,
            d.ReasoningTokenCount,
            d.CachedInputTokenCount,
            cost,
            source);
    }
}
