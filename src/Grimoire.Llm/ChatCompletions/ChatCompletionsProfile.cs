using Grimoire.Llm.Catalogue;
using Grimoire.Llm.Wire;

namespace Grimoire.Llm.ChatCompletions;

/// <summary>What differs between chat-completions dialects (OpenRouter vs. a local OpenAI-compatible server).</summary>
internal sealed record ChatCompletionsProfile(
    string ProviderKind,
    string ProviderName,
    Uri ChatUrl,
    bool IsOpenRouter,
    ModelPricing? Pricing,
    IReadOnlyList<OutgoingHeader> ExtraHeaders);
