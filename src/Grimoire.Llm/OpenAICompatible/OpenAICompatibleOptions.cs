namespace Grimoire.Llm.OpenAICompatible;

/// <summary>Configuration <c>Grimoire:Providers:OpenAICompatible</c> (Ollama, vLLM, LM Studio, llama.cpp).</summary>
public sealed class OpenAICompatibleOptions
{
    /// <summary>The server root; chat goes to <c>{BaseUrl}/v1/chat/completions</c>. Null: not configured.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>Optional key sent as a bearer token.</summary>
    public string? ApiKey { get; set; }

    /// <summary>USD per million input tokens; cost is zero unless prices are set.</summary>
    public decimal InputPricePerMillion { get; set; }

    /// <summary>USD per million output tokens.</summary>
    public decimal OutputPricePerMillion { get; set; }

    /// <summary>Context length to report for models (servers rarely say).</summary>
    public int ContextLength { get; set; } = 32768;
}
