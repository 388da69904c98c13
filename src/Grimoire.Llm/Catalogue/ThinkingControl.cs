namespace Grimoire.Llm.Catalogue;

/// <summary>How a model's thinking is steered.</summary>
public enum ThinkingControl
{
    /// <summary>The model does not think (or cannot be steered).</summary>
    None,

    /// <summary>By a token budget (Anthropic, Gemini via OpenRouter).</summary>
    Budget,

    /// <summary>By an effort level (OpenAI o-series, GPT-5 via OpenRouter).</summary>
    Effort,
}
