namespace Grimoire.Llm.OpenRouter.Keys;

/// <summary>
/// What to mint: a name an operator recognises on OpenRouter's dashboard (no secrets in it), a spending limit in USD
/// (null for none), when that limit resets, and when the key expires (null for never).
/// </summary>
public sealed record OpenRouterKeyCreate(string Name, decimal? Limit, OpenRouterLimitReset LimitReset, DateTimeOffset? ExpiresAt);
