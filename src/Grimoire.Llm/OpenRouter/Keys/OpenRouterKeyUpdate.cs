namespace Grimoire.Llm.OpenRouter.Keys;

/// <summary>
/// A change to a key; only what is set is sent. OpenRouter cannot move a key's expiry after it is minted.
/// </summary>
public sealed record OpenRouterKeyUpdate
{
    public string? Name { get; init; }

    public bool? Disabled { get; init; }

    /// <summary>A new budget (limit and reset period together); null leaves the budget as it is.</summary>
    public OpenRouterBudget? Budget { get; init; }
}

/// <summary>A spending limit in USD (null for none) and when it resets.</summary>
public sealed record OpenRouterBudget(decimal? Limit, OpenRouterLimitReset Reset);
