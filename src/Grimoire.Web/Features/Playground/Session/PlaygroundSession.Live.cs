using Grimoire.Core.Playground;
using Grimoire.Core.Playground.Live;

namespace Grimoire.Web.Features.Playground.Session;

/// <summary>The open conversation: showing it, following its live answer, sending and stopping.</summary>
public sealed partial class PlaygroundSession
{
    /// <summary>At most this many re-renders per second while an answer streams (never one per token).</summary>
    private static readonly TimeSpan LiveFrame = TimeSpan.FromMilliseconds(50);

    private LiveSubscription? subscription;
    private Task watching = Task.CompletedTask;

    /// <summary>Sends the message; null when the turn started, otherwise why not (the composer keeps the text).</summary>
    public async Task<string?> SendAsync(string text, CancellationToken cancellationToken)
    {
        Notice = null;
        if (SystemPromptProblem is { } promptTooLong)
        {
            // The box holds a prompt the server never got: never send with an older one instead.
            Notice = promptTooLong;
            RaiseChanged();
            return promptTooLong;
        }

        if (Course is null || SelectedModel is not { } model)
        {
            return Notice = "Pick a model first.";
        }

        if (Current is null)
        {
            if (await CreateConversationAsync(cancellationToken) is not { } created)
            {
                RaiseChanged();
                return Notice;
            }

            var detail = await store.OpenAsync(UserId, created.Id, cancellationToken);
            // The student may have tuned the prompt and the controls before the conversation existed: they stay
            // (AC1.1, AC1.4), instead of being replaced by the new conversation's course defaults.
            await ShowAsync(detail!, cancellationToken, keepComposerState: true);
        }

        var start = await runner.StartAsync(UserId, Current!.Conversation.Id, text, SystemPrompt, Settings.ToTurnSettings(model), cancellationToken);
        if (!start.Started)
        {
            Notice = start.Refusal;
            RaiseChanged();
            return start.Refusal;
        }

        await ReloadCurrentAsync(cancellationToken);
        await RefreshConversationsAsync(cancellationToken);
        RaiseChanged();
        return null;
    }

    /// <summary>
    /// Stop button and Esc: the partial answer stays, marked stopped. The server decides who may (issue 17 item 6):
    /// a read-only viewer is refused whatever the page shows, and told why.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Current is not null && await stopper.StopAsync(UserId, Current.Conversation.Id, cancellationToken) is { } refusal)
        {
            Notice = refusal;
            RaiseChanged();
        }
    }

    /// <summary>
    /// Opens a conversation. Unless <paramref name="keepComposerState"/> is set, the prompt and the controls switch to
    /// the conversation's own (its prompt, and the settings of its last answer).
    /// </summary>
    private async Task ShowAsync(ConversationDetail detail, CancellationToken cancellationToken, bool keepComposerState = false)
    {
        Unwatch();
        Current = detail;
        if (!keepComposerState)
        {
            SetSystemPrompt(detail.Conversation.SystemPrompt);
        }

        if (!keepComposerState
            && detail.Messages.LastOrDefault(m => m.Role == MessageRole.Assistant) is { } last
            && MessageParameters.FromJson(last.ParametersJson) is { } parameters
            && Models.Any(m => m.Id == parameters.ModelConfigId))
        {
            Settings.RestoreFrom(parameters);
            Settings.FitTo(SelectedModel);
        }

        await BuildViewsAsync(detail, cancellationToken);
        subscription = hub.Subscribe(detail.Conversation.Id);
        var watched = subscription;
        watching = Task.Run(() => WatchAsync(watched), CancellationToken.None);
    }

    private async Task ReloadCurrentAsync(CancellationToken cancellationToken)
    {
        if (Current is null)
        {
            return;
        }

        var detail = await store.OpenAsync(UserId, Current.Conversation.Id, cancellationToken);
        if (detail is null)
        {
            Unwatch();
            Current = null;
            Messages.Clear();
            Notice = "This conversation was deleted or you no longer have access to it.";
            return;
        }

        Current = detail;
        await BuildViewsAsync(detail, cancellationToken);
    }

    private async Task BuildViewsAsync(ConversationDetail detail, CancellationToken cancellationToken)
    {
        var authors = detail.Messages.Where(m => m.AuthorUserId is not null).Select(m => m.AuthorUserId!.Value);
        if (authors.Any(a => !authorNames.ContainsKey(a)))
        {
            authorNames = await users.DisplayNamesAsync(authors, cancellationToken);
        }

        var views = detail.Messages.Select(m => MessageViews.From(m, authorNames, Models)).ToList();
        ApplyLive(views, hub.Current(detail.Conversation.Id));
        Messages.Clear();
        Messages.AddRange(views);
    }

    /// <summary>Puts the live answer (X6, AC8.2) over its stored row; false when that row is not loaded yet.</summary>
    private static bool ApplyLive(List<Messages.ChatMessageView> views, LiveTurnSnapshot? snapshot)
    {
        if (snapshot is null || snapshot.Phase == LiveTurnPhase.Finished)
        {
            return true;
        }

        var index = views.FindIndex(v => v.Id == snapshot.AssistantMessageId);
        if (index < 0)
        {
            return false;
        }

        views[index] = MessageViews.WithLive(views[index], snapshot);
        return true;
    }

    /// <summary>
    /// Runs state changes on the renderer's synchronization context (the page sets it to its InvokeAsync), so the
    /// background watcher and the student's clicks never change the session at the same time.
    /// </summary>
    public Func<Func<Task>, Task> Dispatcher { get; set; } = work => work();

    private async Task WatchAsync(LiveSubscription watched)
    {
        try
        {
            while (await watched.NextAsync(lifetime.Token) is { } update)
            {
                await Dispatcher(() => FollowAsync(watched, update));
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

    private async Task FollowAsync(LiveSubscription watched, LiveUpdate update)
    {
        if (!ReferenceEquals(watched, subscription))
        {
            return;
        }

        var snapshot = update.Running;
        if (!update.StoredStateChanged && snapshot is { Phase: not LiveTurnPhase.Finished } && ApplyLive(Messages, snapshot))
        {
            RaiseChanged();
            return;
        }

        // The turn ended, began in another tab, or the conversation changed: the stored messages are the truth.
        await ReloadCurrentAsync(lifetime.Token);
        await RefreshConversationsAsync(lifetime.Token);
        RaiseChanged();
    }

    private void Unwatch()
    {
        subscription?.Dispose();
        subscription = null;
    }

    public async ValueTask DisposeAsync()
    {
        Unwatch();
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
