using Grimoire.Llm.Wire;

namespace Grimoire.Llm.Streaming;

/// <summary>The exact request put on the wire (credentials redacted). Arrives before any response.</summary>
public sealed record RequestSent(WireRequest Request) : ChatEvent;
