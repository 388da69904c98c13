using System.Data.Common;
using Grimoire.Core.Audit;
using Grimoire.Core.Data;
using Grimoire.Core.Playground.Live;
using Grimoire.Core.Playground.Messages;
using Grimoire.Core.Playground.Recording;
using Grimoire.Llm;
using Grimoire.Llm.Streaming;
using Grimoire.Llm.Wire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grimoire.Core.Playground.Turns;

/// <summary>
/// Streams one answer: every event goes to the live turn (one accumulation, read by watchers and by this loop), the
/// row is checkpointed at a bounded rate, and the final state — complete, stopped, failed or interrupted, with whatever
/// arrived — goes through <see cref="ConversationLedger"/>: the provider call's record first, then the row. If the
/// archive refuses the record, the row keeps streaming status with all the text that arrived (a checkpoint, not a
/// final state) and the next start-up sweep archives it as interrupted: the database never shows a final state the
/// archive lacks (docs/decisions/0001). Singleton; <see cref="ShutdownAsync"/> interrupts every running turn and
/// waits for their last write.
/// </summary>
public sealed class TurnExecution(
    IDbContextFactory<GrimoireDbContext> contextFactory,
    IChatProviderRegistry registry,
    ILiveTurnHub hub,
    ConversationLedger ledger,
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
        string? crash = null;
        var nextCheckpoint = time.GetUtcNow().UtcDateTime + options.Value.CheckpointInterval;
        try
        {
            var client = registry.CreateClient(call.Endpoint, call.ModelId);
            await foreach (var chatEvent in client.StreamEventsAsync(call.History, call.Options, linked.Token))
            {
                var now = time.GetUtcNow().UtcDateTime;
                live.Apply(chatEvent, now);
                if (now >= nextCheckpoint)
                {
                    nextCheckpoint = now + options.Value.CheckpointInterval;
                    await CheckpointAsync(live);
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
                await FinishAsync(live, call, crash);
            }
            finally
            {
                hub.Finish(live);
                live.Dispose();
                call.Slot?.Dispose(); // however the turn ended: the student's slot is never leaked
            }
        }
    }

    /// <summary>The text and thinking so far, on the row (not a final state: no archive record).</summary>
    private async Task CheckpointAsync(LiveTurn live)
    {
        var (text, thinking) = live.Read(turn => (turn.Text, turn.Thinking));
        try
        {
            await using var db = await contextFactory.CreateDbContextAsync(CancellationToken.None);
            var message = await db.PlaygroundMessages.SingleOrDefaultAsync(m => m.Id == live.AssistantMessageId && m.Status == MessageStatus.Streaming);
            if (message is null)
            {
                return; // deleted with its conversation meanwhile
            }

            message.Checkpoint(text, thinking);
            await db.SaveChangesAsync();
        }
        catch (Exception ex) when (ex is DbException or DbUpdateException)
        {
            // A missed checkpoint costs at most one interval of text after a crash; the stream goes on.
            logger.LogWarning(ex, "Checkpoint of message {MessageId} failed", live.AssistantMessageId);
        }
    }

    private async Task FinishAsync(LiveTurn live, TurnCall call, string? crash)
    {
        var finishedAt = time.GetUtcNow().UtcDateTime;
        var firstTokenAt = live.FirstTokenAt;
        var budgetSpent = await BudgetSpentAsync(live, call, finishedAt);
        var (status, outcome, entry, facts, usage) = live.Read(turn =>
        {
            var (status, error) = crash is not null ? (MessageStatus.Failed, crash)
                : shutdown.IsCancellationRequested && !live.StopRequested ? (MessageStatus.Interrupted, DatabaseInitializer.InterruptedMessage)
                : turn.Status switch
                {
                    ChatTurnStatus.Cancelled => (MessageStatus.Cancelled, "Stopped before the answer was complete."),
                    ChatTurnStatus.Failed => (MessageStatus.Failed, budgetSpent ?? turn.Failure!.UserMessage),
                    ChatTurnStatus.Filtered => (MessageStatus.Failed, "The provider's content filter stopped this answer."),
                    ChatTurnStatus.Truncated => (MessageStatus.Complete, "The answer reached the max tokens limit and was cut off."),
                    _ => (MessageStatus.Complete, (string?)null),
                };
            var facts = new ProviderCallFacts(
                call.Ids, live.UserMessageId, call.Endpoint.Kind, call.ModelId, status, error, live.StartedAt, firstTokenAt, finishedAt);
            // Serialised here, on the caller's thread (AuditEntries), while the turn cannot change.
            return (status, AnswerOutcome.From(turn, status, error, firstTokenAt, finishedAt), AuditEntries.ProviderCall(facts, turn), facts, turn.Usage);
        });

        LedgerWrite written;
        try
        {
            await using var db = await contextFactory.CreateDbContextAsync(CancellationToken.None);
            written = await ledger.RecordAsync(db, async ct =>
            {
                // The record is written even when the row went with its conversation: the call happened (AC4.3).
                if (await db.PlaygroundMessages.SingleOrDefaultAsync(m => m.Id == live.AssistantMessageId, ct) is { Status: MessageStatus.Streaming } message)
                {
                    message.Finish(outcome);
                    await db.PlaygroundConversations.Where(c => c.Id == live.ConversationId)
                        .ExecuteUpdateAsync(set => set.SetProperty(c => c.UpdatedAt, finishedAt), ct);
                }

                Usage.UsageLedger.Add(db, facts, usage); // X1: the call's usage row, from the facts the archive gets, in this same save
                await db.SaveChangesAsync(ct);
                return entry;
            }, CancellationToken.None);
        }
        catch (Exception ex) when (ex is DbException or DbUpdateException or InvalidOperationException or Keys.KeyVaultException)
        {
            // KeyVaultException: the anchor could not be signed (the start-up check refuses a key that cannot sign).
            logger.LogError(ex, "Could not write the final state of message {MessageId}", live.AssistantMessageId);
            return;
        }

        if (written == LedgerWrite.NotArchived)
        {
            // Not shown as ended without its record: keep everything that arrived, still streaming, for the next
            // start-up sweep to archive and mark interrupted.
            await CheckpointAsync(live);
            logger.LogError("Turn {MessageId} ended {Status} but the archive refused its record; it stays streaming until the next start archives it",
                live.AssistantMessageId, status);
            return;
        }

        logger.LogInformation("Turn {MessageId} ended {Status}", live.AssistantMessageId, status);
    }

    /// <summary>
    /// For a 402 (budget spent): the sentence naming the date the budget resets, in the course's time zone
    /// (<see cref="Usage.Spend.BudgetSpentMessage"/>); null for every other ending, or when no budget is known.
    /// </summary>
    private async Task<string?> BudgetSpentAsync(LiveTurn live, TurnCall call, DateTime nowUtc)
    {
        if (live.Read(turn => turn.Failure?.Kind) != ProviderFailureKind.BudgetExhausted
            || call.Ids is not { UserId: { } userId, CourseId: { } courseId })
        {
            return null;
        }

        try
        {
            await using var db = await contextFactory.CreateDbContextAsync(CancellationToken.None);
            return await Usage.Spend.BudgetSpentMessage.ForAsync(db, userId, courseId, call.Endpoint.Kind, nowUtc, CancellationToken.None);
        }
        catch (DbException ex)
        {
            logger.LogWarning(ex, "Could not read the budget of message {MessageId}; the provider's 402 sentence stands", live.AssistantMessageId);
            return null;
        }
    }

    public void Dispose() => shutdown.Dispose();
}
