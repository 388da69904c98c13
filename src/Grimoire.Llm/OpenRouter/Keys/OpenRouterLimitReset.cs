namespace Grimoire.Llm.OpenRouter.Keys;

/// <summary>When a key's spending limit resets at OpenRouter (midnight UTC; weeks run Monday–Sunday).</summary>
public enum OpenRouterLimitReset
{
    /// <summary>Never: the limit is a total (<c>limit_reset: null</c> on the wire).</summary>
    Never = 0,
    Daily = 1,
    Weekly = 2,
    Monthly = 3,
}
