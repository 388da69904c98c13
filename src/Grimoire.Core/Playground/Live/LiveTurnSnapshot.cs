using Grimoire.Llm.Streaming;
using Grimoire.Llm.Wire;

namespace Grimoire.Core.Playground.Live;

/// <summary>A running answer as it stands right now: what a late watcher or a reloaded page shows (X6).</summary>
public sealed record LiveTurnSnapshot(
    Guid ConversationId,
    Guid UserMessageId,
    Guid AssistantMessageId,
    LiveTurnPhase Phase,
    string Text,
    string Thinking,
    bool HasRedactedThinking,
    TokenUsage? Usage,
    ProviderFailure? Failure,
    DateTime StartedAt,
    DateTime? FirstTokenAt);
