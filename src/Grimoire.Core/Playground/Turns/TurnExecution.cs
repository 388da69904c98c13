using System.Data.Common;
using Grimoire.Core.Audit;
using Grimoire.Core.Audit.Anchors;
using Grimoire.Core.Data;
using Grimoire.Core.Playground.Live;
using Grimoire.Llm;
using Grimoire.Llm.Streaming;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grimoire.Core.Playground.Turns;

/// <summary>
/// Streams one answer: every event goes to the live turn (watchers), the row is checkpointed at a bounded rate,
/// and the final state is written whatever happens — complete, stopped, failed or interrupted, with whatever
/// arrived. Singleton; <see cref="ShutdownAsync"/> interrupts every running turn and waits for their last write.
/// </summary>
public sealed class TurnExecution(
    IDbContextFactory<GrimoireDbContext> contextFactory,
    IChatProviderRegistry registry,
    ILiveTurnHub hub,
    AuditArchive audit,
    AuditAnchorStore anchors,
    IOptions<PlaygroundOptions> options,
    TimeProvider time,
    ILogger<TurnExecution> logger) : IDisposable
{
    public const string UnexpectedFailure = "Something went wrong on our side while the answer streamed. What arrived is kept; try again.";

    private readonly CancellationTokenSource shutdown = new();

    internal Task RunInBackground(LiveTurn live, TurnCall call) => Task.Run(() => RunAsync(live, call), CancellationToken.None);

    /// <summary>Interrupts every running turn (server stopping) and waits until each has written its final state.</summary>
    public async Task ShutdownAsync(CancellationToken cancellationToken)
    {
        try
        {
            await shutdown.CancelAsync();
        }
        catch (ObjectDisposedException)
        {
            return; // the container already disposed this service: nothing is running any more
        }

        await Task.WhenAll(hub.Running.Select(t => t.Completion)).WaitAsync(cancellationToken);
    }

    private async Task RunAsync(LiveTurn live, TurnCall call)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(live.StopToken, shutdown.Token);
        var turn = new ChatTurn();
        DateTime? firstTokenAt = null;
        string? crash = null;
        var nextCheckpoint = time.GetUtcNow().UtcDateTime + options.Value.CheckpointInterval;
        try
        {
            var client = registry.CreateClient(call.Endpoint, call.ModelId);
            await foreach (var chatEvent in client.StreamEventsAsync(call.History, call.Options, linked.Token))
            {
                turn.Apply(chatEvent);
                var now = time.GetUtcNow().UtcDateTime;
                var first = live.Apply(chatEvent, now);
                firstTokenAt ??= first;
                if (now >= nextCheckpoint)
                {
                    nextCheckpoint = now + options.Value.CheckpointInterval;
                    await CheckpointAsync(live.AssistantMessageId, turn);
                }
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The provider layer reports provider failures as events; anything thrown is ours.
            logger.LogError(ex, "Turn {MessageId} failed unexpectedly", live.AssistantMessageId);
            crash = UnexpectedFailure;
        }
        finally
        {
            try
            {
                await FinishAsync(live, call, turn, firstTokenAt, crash);
            }
            finally
            {
                hub.Finish(live);
                live.Dispose();
                call.Slot?.Dispose(); // however the turn ended: the student's slot is never leaked
            }
        }
    }

    private async Task CheckpointAsync(Guid messageId, ChatTurn turn)
    {
        var (text, thinking) = (turn.Text, turn.Thinking);
        try
        {
            await using var db = await contextFactory.CreateDbContextAsync(CancellationToken.None);
            await db.PlaygroundMessages.Where(m => m.Id == messageId && m.Status == MessageStatus.Streaming)
                .ExecuteUpdateAsync(set => set.SetProperty(m => m.Content, text).SetProperty(m => m.Thinking, thinking.Length == 0 ? null : thinking));
        }
        catch (DbException ex)
        {
            // A missed checkpoint costs at most one interval of text after a crash; the stream goes on.
            logger.LogWarning(ex, "Checkpoint of message {MessageId} failed", messageId);
        }
    }

    private async Task FinishAsync(LiveTurn live, TurnCall call, ChatTurn turn, DateTime? firstTokenAt, string? crash)
    {
        var (status, error) = crash is not null ? (MessageStatus.Failed, crash)
            : shutdown.IsCancellationRequested && !live.StopRequested ? (MessageStatus.Interrupted, DatabaseInitializer.InterruptedMessage)
            : turn.Status switch
            {
                ChatTurnStatus.Cancelled => (MessageStatus.Cancelled, "Stopped before the answer was complete."),
                ChatTurnStatus.Failed => (MessageStatus.Failed, turn.Failure!.UserMessage),
                ChatTurnStatus.Filtered => (MessageStatus.Failed, "The provider's content filter stopped this answer."),
                ChatTurnStatus.Truncated => (MessageStatus.Complete, "The answer reached the max tokens limit and was cut off."),
                _ => (MessageStatus.Complete, (string?)null),
            };
        var usage = turn.Usage;
        var blocks = turn.ThinkingBlocks;
        var finishedAt = time.GetUtcNow().UtcDateTime;
        var facts = new ProviderCallFacts(
            call.Ids, live.UserMessageId, call.Endpoint.Kind, call.ModelId, status, error, live.StartedAt, firstTokenAt, finishedAt);
        var receipt = await ArchiveAsync(live, call, turn, facts);
        try
        {
            await using var db = await contextFactory.CreateDbContextAsync(CancellationToken.None);
            var message = await db.PlaygroundMessages.SingleAsync(m => m.Id == live.AssistantMessageId);
            message.Content = turn.Text;
            message.Thinking = turn.Thinking.Length == 0 ? null : turn.Thinking;
            message.ThinkingBlocksJson = HistoryBuilder.WriteBlocks(blocks);
            message.ThinkingSignature = blocks.LastOrDefault(b => b.Signature is not null)?.Signature;
            message.Status = status;
            message.ErrorText = error;
            message.InputTokens = (int?)usage?.InputTokens;
            message.OutputTokens = (int?)usage?.OutputTokens;
            message.ThinkingTokens = (int?)usage?.ThinkingTokens;
            message.Cost = usage?.CostUsd;
            message.RequestBody = turn.Request?.BodyText;
            message.RequestUrl = turn.Request?.Url.ToString();
            message.GenerationId = turn.GenerationId;
            message.FirstTokenAt = firstTokenAt;
            message.FinishedAt = finishedAt;
            // One transaction: the answer's final state, the conversation's timestamp and the archive's anchor commit together.
            var conversation = await db.PlaygroundConversations.SingleAsync(c => c.Id == live.ConversationId);
            conversation.UpdatedAt = finishedAt;
            Usage.UsageLedger.Add(db, facts, usage); // X1: the call's usage row, from the facts the archive got, in this same save
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.SaveChangesAsync();
            await anchors.AdvanceAsync(db, receipt, CancellationToken.None);
            await transaction.CommitAsync();
        }
        catch (Exception ex) when (ex is DbException or DbUpdateException or InvalidOperationException or Keys.KeyVaultException)
        {
            // KeyVaultException: the anchor could not be signed (the start-up check refuses a key that cannot sign).
            logger.LogError(ex, "Could not write the final state of message {MessageId}", live.AssistantMessageId);
        }

        logger.LogInformation("Turn {MessageId} ended {Status}", live.AssistantMessageId, status);
    }

    /// <summary>
    /// Appends the call's archive record (AC4.3) before the turn is reported finished, and says where it landed; a
    /// failure is logged, not thrown (null).
    /// </summary>
    private async Task<AuditReceipt?> ArchiveAsync(LiveTurn live, TurnCall call, ChatTurn turn, ProviderCallFacts facts)
    {
        try
        {
            return await audit.AppendAsync(AuditEntries.ProviderCall(facts, turn), CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LogError(ex, "Could not archive the provider call of message {MessageId} ({Provider})", live.AssistantMessageId, call.Endpoint.Kind);
            return null;
        }
    }

    public void Dispose() => shutdown.Dispose();
}
