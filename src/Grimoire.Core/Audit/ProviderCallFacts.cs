using Grimoire.Core.Playground;

namespace Grimoire.Core.Audit;

/// <summary>
/// What the playground knows about a provider call besides the <see cref="Grimoire.Llm.Streaming.ChatTurn"/> itself:
/// whose it was, which model was asked, how it ended (as stored on the message) and when.
/// </summary>
public sealed record ProviderCallFacts(
    AuditIds Ids,
    Guid UserMessageId,
    string Provider,
    string Model,
    MessageStatus Status,
    string? ErrorText,
    DateTime StartedAt,
    DateTime? FirstTokenAt,
    DateTime FinishedAt);
