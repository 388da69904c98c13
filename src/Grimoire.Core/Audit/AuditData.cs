using Grimoire.Core.Playground;
using Grimoire.Llm.Streaming;
using Grimoire.Llm.Wire;

namespace Grimoire.Core.Audit;

// The `data` member of each record kind, serialised by AuditJsonContext (camelCase, nulls left out, enums by name).

internal sealed record ProviderCallData(
    string Provider,
    string Model,
    string? RespondingModel,
    Guid UserMessageId,
    MessageStatus Status,
    string? ErrorText,
    string? GenerationId,
    WireRequestData? Request,
    ResponseData Response,
    UsageData? Usage,
    TimingData Timing);

/// <summary>The request as sent: <see cref="Body"/> is the body text exactly, except base64 files written as <c>data:{type};sha256,{hash}</c> (issue 10); its byte count and SHA-256 pin the bytes sent.</summary>
internal sealed record WireRequestData(string Method, string Url, IReadOnlyList<WireHeader> Headers, string Body, int BodyBytes, string BodySha256);

internal sealed record ResponseData(
    string Thinking,
    IReadOnlyList<ThinkingBlockData> ThinkingBlocks,
    string Text,
    FinishReason? FinishReason,
    FailureData? Failure);

internal sealed record ThinkingBlockData(
    ThinkingBlockKind Kind,
    string Text,
    string? Signature,
    string? RedactedData,
    string? ProviderKind,
    string? Format,
    string? Id,
    int Index);

internal sealed record FailureData(
    ProviderFailureKind Kind,
    string UserMessage,
    bool Retryable,
    double? RetryAfterSeconds,
    int? StatusCode,
    string? ProviderMessage);

internal sealed record UsageData(
    long InputTokens,
    long OutputTokens,
    long? ThinkingTokens,
    long? CachedInputTokens,
    decimal? CostUsd,
    CostSource CostSource);

internal sealed record TimingData(DateTime StartedAt, DateTime? FirstTokenAt, DateTime FinishedAt);

internal sealed record MessageEditedData(MessageRole Role, IReadOnlyList<AuditChange> Changes);

internal sealed record MessageRegeneratedData(
    AuditMessageSnapshot Replaced,
    Guid? ReplacementMessageId,
    bool UsedOriginalSettings,
    IReadOnlyList<AuditMessageSnapshot> LaterMessagesRemoved);

internal sealed record MessageDeletedData(AuditMessageSnapshot Deleted);

internal sealed record ConversationForkedData(
    Guid SourceConversationId,
    Guid SourceMessageId,
    string Title,
    IReadOnlyList<AuditMessageCopy> Copies);

internal sealed record ConversationDeletedData(
    string Title,
    int MessageCount,
    IReadOnlyList<DeletedMessageData> Messages,
    IReadOnlyList<Guid> BranchConversationIds);

/// <summary>A deleted message by its id and position; its text by length and SHA-256 (the text is in earlier records).</summary>
internal sealed record DeletedMessageData(
    Guid MessageId, int Sequence, MessageRole Role, MessageStatus Status, int ContentLength, string ContentSha256, string? ThinkingSha256);

internal sealed record AnchorResetData(string Reason, long AnchoredSequence, string AnchoredHash, long ArchiveSequence, string ArchiveHash);

internal sealed record TurnInterruptedData(
    AuditMessageSnapshot Answer,
    Guid? UserMessageId,
    string? Provider,
    MessageStatus Status,
    string ErrorText);
