namespace Grimoire.Llm.Streaming;

/// <summary>Where a cost figure came from.</summary>
public enum CostSource
{
    /// <summary>No cost known.</summary>
    None,

    /// <summary>The provider reported it (OpenRouter <c>usage.cost</c>).</summary>
    Provider,

    /// <summary>Computed from token counts and a configured or published price list.</summary>
    PriceList,
}
