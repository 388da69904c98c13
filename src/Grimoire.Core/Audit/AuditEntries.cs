using System.Security.Cryptography;
using Grimoire.Core.Playground;
using Grimoire.Llm.Streaming;

namespace Grimoire.Core.Audit;

/// <summary>
/// The typed ways to make an <see cref="AuditEntry"/>; append it with <see cref="AuditArchive.AppendAsync"/>.
/// The archive is the history, the database the current state (AC4.4): every change to a message appends one.
/// </summary>
public static class AuditEntries
{
    /// <summary>
    /// One provider call as it ended: the exact wire request (attached files by content hash, not bytes — the body's
    /// own byte count and SHA-256 still pin what was sent, issue 10), the whole response, usage, cost and timings.
    /// </summary>
    public static AuditEntry ProviderCall(ProviderCallFacts facts, ChatTurn turn)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(turn);
        var request = turn.Request is { } wire
            ? new WireRequestData(
                wire.Method, wire.Url.ToString(), wire.Headers, Llm.Wire.DataUrls.ByHash(wire.BodyText), wire.Body.Length,
                Convert.ToHexStringLower(SHA256.HashData(wire.Body.Span)))
            : null;
        var failure = turn.Failure is { } f
            ? new FailureData(f.Kind, f.UserMessage, f.Retryable, f.RetryAfter?.TotalSeconds, f.StatusCode, f.ProviderMessage)
            : null;
        var response = new ResponseData(
            turn.Thinking,
            [.. turn.ThinkingBlocks.Select(b => new ThinkingBlockData(b.Kind, b.Text, b.Signature, b.RedactedData, b.ProviderKind, b.Format, b.Id, b.Index))],
            turn.Text,
            turn.FinishReason,
            failure);
        var usage = turn.Usage is { } u
            ? new UsageData(u.InputTokens, u.OutputTokens, u.ThinkingTokens, u.CachedInputTokens, u.CostUsd, u.CostSource)
            : null;
        var data = new ProviderCallData(
            facts.Provider, facts.Model, turn.ModelId, facts.UserMessageId, facts.Status, facts.ErrorText, turn.GenerationId,
            request, response, usage, new TimingData(facts.StartedAt, facts.FirstTokenAt, facts.FinishedAt));
        return new AuditEntry(AuditKinds.ProviderCall, facts.FinishedAt, facts.Ids,
            AuditJsonContext.Serialize(data, AuditJsonContext.Default.ProviderCallData));
    }

    /// <summary>A message edited in place by <see cref="AuditIds.UserId"/>: each changed field, before and after (AC6.1, AC6.2, AC6.4).</summary>
    public static AuditEntry MessageEdited(AuditIds ids, DateTime at, MessageRole role, IReadOnlyList<AuditChange> changes)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0)
        {
            throw new ArgumentException("An edit record needs at least one change.", nameof(changes));
        }

        return new AuditEntry(AuditKinds.MessageEdited, at, ids,
            AuditJsonContext.Serialize(new MessageEditedData(role, changes), AuditJsonContext.Default.MessageEditedData));
    }

    /// <summary>
    /// An assistant message replaced by a new answer (AC6.3). The new answer's own call is a separate
    /// <see cref="ProviderCall"/> record; this one keeps what was replaced and any later messages removed with it.
    /// </summary>
    public static AuditEntry MessageRegenerated(
        AuditIds ids,
        DateTime at,
        AuditMessageSnapshot replaced,
        Guid? replacementMessageId,
        bool usedOriginalSettings,
        IReadOnlyList<AuditMessageSnapshot>? laterMessagesRemoved = null)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(replaced);
        var data = new MessageRegeneratedData(replaced, replacementMessageId, usedOriginalSettings, laterMessagesRemoved ?? []);
        return new AuditEntry(AuditKinds.MessageRegenerated, at, ids,
            AuditJsonContext.Serialize(data, AuditJsonContext.Default.MessageRegeneratedData));
    }

    /// <summary>A message deleted; the record keeps it as it was.</summary>
    public static AuditEntry MessageDeleted(AuditIds ids, DateTime at, AuditMessageSnapshot deleted)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(deleted);
        return new AuditEntry(AuditKinds.MessageDeleted, at, ids,
            AuditJsonContext.Serialize(new MessageDeletedData(deleted), AuditJsonContext.Default.MessageDeletedData));
    }

    /// <summary>
    /// A conversation branched from another at one message (X2). <paramref name="ids"/> name the new branch (its
    /// conversation id, the person who branched); the record names the source and maps each copied message to its copy,
    /// so the branch's later records can be traced back to the originals.
    /// </summary>
    public static AuditEntry ConversationForked(
        AuditIds ids, DateTime at, Guid sourceConversationId, Guid sourceMessageId, string title, IReadOnlyList<AuditMessageCopy> copies)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(copies);
        var data = new ConversationForkedData(sourceConversationId, sourceMessageId, title, copies);
        return new AuditEntry(AuditKinds.ConversationForked, at, ids,
            AuditJsonContext.Serialize(data, AuditJsonContext.Default.ConversationForkedData));
    }

    /// <summary>
    /// A conversation deleted (issue 17 item 10): its title, its messages by id, position, role, status and each text's
    /// length and SHA-256 (the archive is append-only and already holds the texts, in the records that wrote them), and
    /// the branches that lose their link to it.
    /// </summary>
    public static AuditEntry ConversationDeleted(
        AuditIds ids, DateTime at, string title, IReadOnlyList<AuditMessageSnapshot> messages, IReadOnlyList<Guid>? branchConversationIds = null)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(messages);
        var deleted = messages.Select(m => new DeletedMessageData(
            m.MessageId, m.Sequence, m.Role, m.Status, m.Content.Length, Sha256(m.Content), m.Thinking is null ? null : Sha256(m.Thinking))).ToList();
        var data = new ConversationDeletedData(title, deleted.Count, deleted, branchConversationIds ?? []);
        return new AuditEntry(AuditKinds.ConversationDeleted, at, ids,
            AuditJsonContext.Serialize(data, AuditJsonContext.Default.ConversationDeletedData));
    }

    /// <summary>
    /// An answer left streaming by a process that stopped without its final write, as the start-up sweep marks it
    /// (issue 17 item 10): the answer as last checkpointed, the question it answered, and the status and error it gets.
    /// </summary>
    public static AuditEntry TurnInterrupted(
        AuditIds ids, DateTime at, AuditMessageSnapshot answer, Guid? userMessageId, string? provider, MessageStatus status, string errorText)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(errorText);
        return new AuditEntry(AuditKinds.TurnInterrupted, at, ids,
            AuditJsonContext.Serialize(new TurnInterruptedData(answer, userMessageId, provider, status, errorText), AuditJsonContext.Default.TurnInterruptedData));
    }

    /// <summary>An operator's acceptance of a chain that no longer matched its anchor (see <see cref="AuditKinds.AnchorReset"/>).</summary>
    public static AuditEntry AnchorReset(DateTime at, string reason, long anchoredSequence, string anchoredHash, long archiveSequence, string archiveHash) =>
        new(AuditKinds.AnchorReset, at, new AuditIds(),
            AuditJsonContext.Serialize(
                new AnchorResetData(reason, anchoredSequence, anchoredHash, archiveSequence, archiveHash), AuditJsonContext.Default.AnchorResetData));

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
}
