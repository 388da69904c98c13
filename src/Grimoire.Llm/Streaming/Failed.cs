using Grimoire.Llm.Wire;

namespace Grimoire.Llm.Streaming;

/// <summary>The call failed; whatever arrived before is kept by the consumer.</summary>
public sealed record Failed(ProviderFailure Failure) : ChatEvent;
