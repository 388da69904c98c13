using Grimoire.Core.Playground;
using Grimoire.Core.Playground.Live;
using Grimoire.Core.Playground.Turns;
using Grimoire.Web.Features.Playground.Messages;

namespace Grimoire.Web.Features.Playground.Session;

/// <summary>
/// Everything the playground asks the live hub (X6, AC8.2): following one conversation's changes, putting its
/// streaming answer over the stored row, and stopping it. The only class of the web layer that knows
/// <see cref="ILiveTurnHub"/>, <see cref="LiveTurn"/> and <see cref="TurnStopper"/>, so a hub that trades messages
/// instead of in-process objects is adapted here alone.
/// </summary>
public sealed class LiveFollowing(ILiveTurnHub hub, TurnStopper stopper, ILogger<LiveFollowing> logger) : IAsyncDisposable
{
    /// <summary>At most this many re-renders per second while an answer streams (never one per token).</summary>
    private static readonly TimeSpan LiveFrame = TimeSpan.FromMilliseconds(50);

    private readonly CancellationTokenSource lifetime = new();
    private LiveSubscription? subscription;
    private Task watching = Task.CompletedTask;
    private int disposed;
    private int reloadPending; // 1 when the last update said the stored state changed (an edit, a rename, a new message)

    /// <summary>
    /// Follows <paramref name="conversationId"/> instead of whatever was followed before: <paramref name="onChange"/>
    /// runs on a background thread after each change (coalesced, at most once per frame, never twice at once).
    /// </summary>
    public void Follow(Guid conversationId, Func<CancellationToken, Task> onChange)
    {
        ArgumentNullException.ThrowIfNull(onChange);
        Stop();
        var watched = hub.Subscribe(conversationId);
        subscription = watched;
        watching = Task.Run(() => WatchAsync(watched, onChange), CancellationToken.None);
    }

    /// <summary>Stops following (the conversation closed or another opened).</summary>
    public void Stop()
    {
        subscription?.Dispose();
        subscription = null;
    }

    public bool IsStreaming(Guid conversationId) => hub.Current(conversationId) is not null;

    /// <summary>
    /// The cards with the live answer (X6, AC8.2) over its stored row, or null when no answer is streaming, its
    /// row is not loaded yet, or the stored state changed since the last read: then the stored messages are the truth.
    /// </summary>
    public IReadOnlyList<ChatMessageView>? WithLiveAnswer(Guid conversationId, IReadOnlyList<ChatMessageView> cards)
    {
        ArgumentNullException.ThrowIfNull(cards);
        if (Interlocked.Exchange(ref reloadPending, 0) == 1
            || hub.Current(conversationId) is not { Phase: not LiveTurnPhase.Finished } snapshot)
        {
            return null;
        }

        var index = cards.ToList().FindIndex(v => v.Id == snapshot.AssistantMessageId);
        if (index < 0)
        {
            return null;
        }

        var live = cards.ToList();
        live[index] = Live(live[index], snapshot);
        return live;
    }

    /// <summary>Tells everyone following the conversation that its stored state changed (a rename).</summary>
    public void Announce(Guid conversationId) => hub.NotifyChanged(conversationId);

    /// <summary>Stop button and Esc; null when stopped (or nothing ran), otherwise why not (issue 17 item 6).</summary>
    public Task<string?> StopAsync(Guid userId, Guid conversationId, CancellationToken cancellationToken) =>
        stopper.StopAsync(userId, conversationId, cancellationToken);

    /// <summary>The streaming answer's card, from the live turn (X6: also what a reloaded page shows).</summary>
    private static ChatMessageView Live(ChatMessageView stored, LiveTurnSnapshot snapshot) => stored with
    {
        Content = snapshot.Text,
        Thinking = snapshot.Thinking.Length == 0 ? null : snapshot.Thinking,
        HasRedactedThinking = snapshot.HasRedactedThinking,
        Status = MessageStatus.Streaming,
        Phase = snapshot.Phase switch
        {
            LiveTurnPhase.Thinking => LivePhase.Thinking,
            LiveTurnPhase.Answering => LivePhase.Answering,
            _ => LivePhase.Waiting,
        },
    };

    private async Task WatchAsync(LiveSubscription watched, Func<CancellationToken, Task> onChange)
    {
        try
        {
            while (await watched.NextAsync(lifetime.Token) is { } update)
            {
                if (ReferenceEquals(watched, subscription))
                {
                    if (update.StoredStateChanged)
                    {
                        Volatile.Write(ref reloadPending, 1);
                    }

                    await onChange(lifetime.Token);
                }

                await Task.Delay(LiveFrame, lifetime.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // The circuit went away.
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LogError(ex, "Following conversation {ConversationId} failed", watched.ConversationId);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        Stop();
        await lifetime.CancelAsync();
        try
        {
            await watching;
        }
        catch (OperationCanceledException)
        {
            // Expected.
        }

        lifetime.Dispose();
    }
}
