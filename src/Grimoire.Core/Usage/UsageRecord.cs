using Grimoire.Core.Audit;
using Grimoire.Core.Data;
using Grimoire.Core.Playground;
using Grimoire.Llm.Streaming;

namespace Grimoire.Core.Usage;

/// <summary>
/// One provider call as it ended (X1): who, which course and model, when (UTC), how it ended, its tokens, its cost and
/// where the cost came from. Written in the same save as the answer's final state (<see cref="Playground.Turns.TurnExecution"/>),
/// or rebuilt from the call's archive record (<see cref="UsageRebuild"/>), so every row traces to one <c>provider_call</c>
/// record. No foreign keys: like the archive, it is history and outlives the conversation, message or model it names.
/// One row per call: a regeneration reuses its answer's message id, so a call is (<see cref="MessageId"/>, <see cref="StartedAt"/>).
/// </summary>
public sealed class UsageRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The student who asked.</summary>
    public Guid UserId { get; set; }

    public Guid CourseId { get; set; }

    public Guid? ConversationId { get; set; }

    /// <summary>The assistant message the call answered into.</summary>
    public Guid MessageId { get; set; }

    /// <summary>The course model asked (null when unknown).</summary>
    public Guid? ModelConfigId { get; set; }

    public required string Provider { get; set; }

    /// <summary>The model asked, e.g. "anthropic/claude-sonnet-4.5".</summary>
    public required string Model { get; set; }

    public MessageStatus Status { get; set; }

    public DateTime StartedAt { get; set; }

    public DateTime FinishedAt { get; set; }

    /// <summary>Milliseconds from the request to the first thinking or answer token; null when none arrived.</summary>
    public int? TimeToFirstTokenMs { get; set; }

    public long InputTokens { get; set; }

    /// <summary>Output tokens as billed (thinking included where the provider bills it so).</summary>
    public long OutputTokens { get; set; }

    public long? ThinkingTokens { get; set; }

    public long? CachedInputTokens { get; set; }

    /// <summary>USD; null when nothing is known (<see cref="CostSource"/> None).</summary>
    public decimal? Cost { get; set; }

    /// <summary>Provider-reported, or estimated from the price list.</summary>
    public CostSource CostSource { get; set; }

    /// <summary>
    /// The row for one call as the archive records it: the same facts and usage <see cref="AuditEntries.ProviderCall"/> writes.
    /// Null when the call names no student or course (never for a playground turn).
    /// </summary>
    public static UsageRecord? From(ProviderCallFacts facts, TokenUsage? usage)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (facts.Ids is not { UserId: { } userId, CourseId: { } courseId, MessageId: { } messageId })
        {
            return null;
        }

        var started = UtcDateTimeConverter.ToStored(facts.StartedAt);
        return new UsageRecord
        {
            UserId = userId,
            CourseId = courseId,
            ConversationId = facts.Ids.ConversationId,
            MessageId = messageId,
            ModelConfigId = facts.Ids.ModelConfigId,
            Provider = facts.Provider,
            Model = facts.Model,
            Status = facts.Status,
            StartedAt = started,
            FinishedAt = UtcDateTimeConverter.ToStored(facts.FinishedAt),
            TimeToFirstTokenMs = facts.FirstTokenAt is { } first
                ? (int)Math.Clamp((UtcDateTimeConverter.ToStored(first) - started).TotalMilliseconds, 0, int.MaxValue)
                : null,
            InputTokens = usage?.InputTokens ?? 0,
            OutputTokens = usage?.OutputTokens ?? 0,
            ThinkingTokens = usage?.ThinkingTokens,
            CachedInputTokens = usage?.CachedInputTokens,
            Cost = usage?.CostUsd,
            CostSource = usage?.CostSource ?? CostSource.None,
        };
    }
}
