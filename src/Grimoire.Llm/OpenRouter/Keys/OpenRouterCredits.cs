namespace Grimoire.Llm.OpenRouter.Keys;

/// <summary>The management key's account at OpenRouter (<c>GET /api/v1/credits</c>), in USD.</summary>
/// <param name="TotalCredits">Credits bought.</param>
/// <param name="TotalUsage">Credits used, by every key of the account.</param>
public sealed record OpenRouterCredits(decimal TotalCredits, decimal TotalUsage)
{
    public decimal Remaining => TotalCredits - TotalUsage;
}
