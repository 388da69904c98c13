using Grimoire.Llm.Catalogue;

namespace Grimoire.Core.Courses.Admin;

/// <summary>The cost tier suggested for a model from its price; the instructor may choose another.</summary>
public static class CostTiers
{
    /// <summary>Below this output price (USD per million tokens) a model is suggested as low cost.</summary>
    public const decimal LowBelow = 1m;

    /// <summary>Below this output price (USD per million tokens) a model is suggested as medium cost.</summary>
    public const decimal MediumBelow = 10m;

    /// <summary>Free when it costs nothing; low below $1 per million output tokens; medium below $10; else high.</summary>
    public static CostTier Suggest(ModelPricing pricing)
    {
        ArgumentNullException.ThrowIfNull(pricing);
        if (pricing.InputPerMillion <= 0m && pricing.OutputPerMillion <= 0m)
        {
            return CostTier.Free;
        }

        return pricing.OutputPerMillion switch
        {
            < LowBelow => CostTier.Low,
            < MediumBelow => CostTier.Medium,
            _ => CostTier.High,
        };
    }
}
