namespace Grimoire.OpenRouterStandIn.Catalogue;

/// <summary>
/// The stand-in's default catalogue: real OpenRouter ids with prices, context lengths, input kinds and parameters
/// as OpenRouter listed them (late 2026). Only the descriptions say the answers are local.
/// </summary>
public static class StandInCatalogue
{
    private const string Local = " Served here by Grimoire's local OpenRouter stand-in: the answers are canned, the wire format, token counts and prices are real-shaped.";

    private static readonly IReadOnlyList<string> TextOnly = ["text"];
    private static readonly IReadOnlyList<string> TextImage = ["text", "image"];
    private static readonly IReadOnlyList<string> TextImageFile = ["text", "image", "file"];

    private static readonly IReadOnlyList<string> Sampling = ["frequency_penalty", "max_tokens", "presence_penalty", "seed", "stop", "temperature", "top_p"];

    public static IReadOnlyList<StandInModel> Default { get; } =
    [
        new("openai/gpt-4o-mini", "OpenAI: GPT-4o-mini",
            "GPT-4o mini is OpenAI's small, fast and inexpensive multimodal model." + Local,
            128_000, 16_384, 0.00000015m, 0.0000006m, TextImageFile,
            [.. Sampling, "logit_bias", "logprobs", "response_format", "structured_outputs", "tool_choice", "tools", "top_logprobs"])
        {
            CanonicalSlug = "openai/gpt-4o-mini-2024-07-18", Created = 1_721_260_800, CacheReadPrice = 0.000000075m,
            Tokenizer = "GPT", Provider = "OpenAI", IsModerated = true,
        },
        new("openai/gpt-5", "OpenAI: GPT-5",
            "GPT-5 is OpenAI's flagship reasoning model; it does not take a temperature." + Local,
            400_000, 128_000, 0.00000125m, 0.00001m, TextImageFile,
            ["include_reasoning", "max_tokens", "reasoning", "response_format", "seed", "structured_outputs", "tool_choice", "tools"])
        {
            CanonicalSlug = "openai/gpt-5-2025-08-07", Created = 1_754_587_413, CacheReadPrice = 0.000000125m,
            Tokenizer = "GPT", Provider = "OpenAI", IsModerated = true, ReasoningFormat = "openai-responses-v1",
        },
        new("anthropic/claude-sonnet-4.5", "Anthropic: Claude Sonnet 4.5",
            "Claude Sonnet 4.5 is Anthropic's most capable Sonnet, with extended thinking." + Local,
            1_000_000, 64_000, 0.000003m, 0.000015m, TextImageFile,
            ["include_reasoning", "max_tokens", "reasoning", "response_format", "stop", "temperature", "tool_choice", "tools", "top_k", "top_p"])
        {
            CanonicalSlug = "anthropic/claude-4.5-sonnet-20250929", Created = 1_759_161_676, CacheReadPrice = 0.0000003m,
            Tokenizer = "Claude", Provider = "Anthropic", ReasoningFormat = "anthropic-claude-v1",
        },
        new("anthropic/claude-haiku-4.5", "Anthropic: Claude Haiku 4.5",
            "Claude Haiku 4.5 is Anthropic's fastest model, with extended thinking." + Local,
            200_000, 64_000, 0.000001m, 0.000005m, TextImageFile,
            ["include_reasoning", "max_tokens", "reasoning", "stop", "temperature", "tool_choice", "tools", "top_k", "top_p"])
        {
            CanonicalSlug = "anthropic/claude-4.5-haiku-20251001", Created = 1_760_547_638, CacheReadPrice = 0.0000001m,
            Tokenizer = "Claude", Provider = "Anthropic", ReasoningFormat = "anthropic-claude-v1",
        },
        new("google/gemini-2.5-flash", "Google: Gemini 2.5 Flash",
            "Gemini 2.5 Flash is Google's fast workhorse model with thinking and image, file and audio input." + Local,
            1_048_576, 65_535, 0.0000003m, 0.0000025m, ["text", "image", "file", "audio"],
            ["include_reasoning", "max_tokens", "reasoning", "response_format", "seed", "stop", "structured_outputs", "temperature", "tool_choice", "tools", "top_p"])
        {
            CanonicalSlug = "google/gemini-2.5-flash", Created = 1_750_172_488, CacheReadPrice = 0.000000075m,
            Tokenizer = "Gemini", Provider = "Google", ReasoningFormat = "google-gemini-v1",
        },
        new("meta-llama/llama-3.3-70b-instruct", "Meta: Llama 3.3 70B Instruct",
            "Meta's multilingual Llama 3.3 70B, tuned for dialogue." + Local,
            131_072, 16_384, 0.00000013m, 0.00000039m, TextOnly, [.. Sampling, "top_k", "repetition_penalty"])
        {
            Created = 1_733_506_137, Tokenizer = "Llama3", Provider = "DeepInfra",
        },
        new("deepseek/deepseek-r1", "DeepSeek: R1",
            "DeepSeek R1 is an open reasoning model; it always thinks before it answers." + Local,
            163_840, 163_840, 0.0000004m, 0.000002m, TextOnly,
            ["include_reasoning", "max_tokens", "reasoning", "seed", "stop", "temperature", "top_p"])
        {
            CanonicalSlug = "deepseek/deepseek-r1", Created = 1_737_381_095, Tokenizer = "DeepSeek", Provider = "DeepInfra",
            ReasoningFormat = "unknown", AlwaysReasons = true,
        },
        new("mistralai/mistral-small-3.2-24b-instruct", "Mistral: Mistral Small 3.2 24B",
            "Mistral Small 3.2 is a 24B instruction model with image input." + Local,
            131_072, 131_072, 0.00000006m, 0.00000018m, TextImage, [.. Sampling, "response_format", "structured_outputs", "tool_choice", "tools"])
        {
            CanonicalSlug = "mistralai/mistral-small-3.2-24b-instruct-2506", Created = 1_750_443_016, Tokenizer = "Mistral", Provider = "Mistral",
        },
    ];
}
