using Grimoire.Core.Accounts;
using Grimoire.Core.Playground;
using Grimoire.Core.Playground.Forking;
using Grimoire.Web.Features.Playground.Messages;
using Grimoire.Web.Refusals;
using Grimoire.Web.State;

namespace Grimoire.Web.Features.Playground.Session;

/// <summary>
/// The conversation on screen: its message cards, kept current while an answer streams (X6, AC8.2) through
/// <see cref="LiveFollowing"/>. A gate keeps the background follower and the person's clicks from changing it at
/// the same time; the cards are replaced, never changed in place, so a render always sees one whole list.
/// </summary>
public sealed class OpenConversation(
    ConversationStore store,
    UserDirectory users,
    CourseContext course,
    ComposerState composer,
    ConversationListState list,
    LiveFollowing live,
    RefusalNotice notice) : ObservableState, IAsyncDisposable
{
    public const string Gone = PlaygroundAccessDeniedException.GoneMessage;

    private readonly SemaphoreSlim gate = new(1, 1);
    private IReadOnlyDictionary<Guid, string> authorNames = new Dictionary<Guid, string>();

    /// <summary>The stored conversation, for the states that change it (never handed to a component).</summary>
    internal ConversationDetail? Detail { get; private set; }

    public Guid? Id => Detail?.Conversation.Id;

    public string? Title => Detail?.Conversation.Title;

    /// <summary>The open conversation's workspace: the unit of sharing (AC8.1).</summary>
    public Guid? WorkspaceId => Detail?.Conversation.WorkspaceId;

    public ForkLinks Forks => Detail?.Forks ?? ForkLinks.None;

    public IReadOnlyList<ChatMessageView> Messages { get; private set; } = [];

    public bool CanWrite => Detail?.CanWrite == true && course.Course is { IsArchived: false };

    public bool IsStreaming => Id is { } id && live.IsStreaming(id);

    /// <summary>Who asked for the answer arriving now (AC8.2: the others' composer says so), or null.</summary>
    public string? StreamingAskedBy => StreamingCard?.AskedByName;

    /// <summary>True while an answer someone else asked for arrives: this person's box stays writable meanwhile (AC8.2).</summary>
    public bool StreamingForSomeoneElse => StreamingCard is { AskedById: { } asker } && asker != course.UserId;

    private ChatMessageView? StreamingCard => IsStreaming ? Messages.LastOrDefault(m => m.IsStreaming) : null;

    /// <summary>
    /// Opens the conversation and follows it; false when it does not exist or is not the person's to see. Unless
    /// <paramref name="keepComposer"/> is set, the composer switches to the conversation's prompt and last settings.
    /// </summary>
    public async Task<bool> OpenAsync(Guid conversationId, CancellationToken cancellationToken, bool keepComposer = false)
    {
        if (await store.OpenAsync(course.UserId, conversationId, cancellationToken) is not { } detail)
        {
            return false;
        }

        await ShowAsync(detail, cancellationToken, keepComposer);
        return true;
    }

    /// <summary>Shows a conversation already read from the store (see <see cref="OpenAsync"/>).</summary>
    internal async Task ShowAsync(ConversationDetail detail, CancellationToken cancellationToken, bool keepComposer = false)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            live.Stop();
            Detail = detail;
            if (!keepComposer)
            {
                composer.ContinueFrom(detail);
            }

            // Followed before the cards are built: a turn that ends meanwhile still signals, and the follower (waiting
            // at the gate) then reloads the stored answer.
            live.Follow(detail.Conversation.Id, token => FollowAsync(detail.Conversation.Id, token));
            if (detail.Messages.Any(m => m.Status == MessageStatus.Streaming) && !live.IsStreaming(detail.Conversation.Id))
            {
                // The answer ended between reading and following: read the stored answer.
                Detail = detail = await store.OpenAsync(course.UserId, detail.Conversation.Id, cancellationToken) ?? detail;
            }

            await BuildCardsAsync(detail, cancellationToken);
        }
        finally
        {
            gate.Release();
        }

        RaiseChanged();
    }

    /// <summary>Reads the stored messages again; false (and closed, with a notice) when the conversation is gone.</summary>
    public async Task<bool> ReloadAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await ReloadCoreAsync(cancellationToken);
        }
        finally
        {
            gate.Release();
            RaiseChanged();
        }
    }

    /// <summary>Shows no conversation (a new course, or this one was deleted).</summary>
    public void Close()
    {
        live.Stop();
        Detail = null;
        Messages = [];
        RaiseChanged();
    }

    /// <summary>Stop button and Esc: the partial answer stays, marked stopped; a viewer who may not stop is told why.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Id is { } id && await live.StopAsync(course.UserId, id, cancellationToken) is { } refusal)
        {
            notice.Show(refusal);
        }
    }

    /// <summary>Tells everyone following <paramref name="conversationId"/> that it changed.</summary>
    public void Announce(Guid conversationId) => live.Announce(conversationId);

    private async Task FollowAsync(Guid conversationId, CancellationToken cancellationToken)
    {
        bool streaming;
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (Id != conversationId)
            {
                return;
            }

            if (live.WithLiveAnswer(conversationId, Messages) is { } withLive)
            {
                Messages = withLive;
                streaming = true;
            }
            else
            {
                // The turn ended, began in another tab, or the conversation changed: the stored messages are the truth.
                await ReloadCoreAsync(cancellationToken);
                streaming = false;
            }
        }
        finally
        {
            gate.Release();
        }

        if (!streaming)
        {
            await list.RefreshAsync(cancellationToken);
        }

        RaiseChanged();
    }

    private async Task<bool> ReloadCoreAsync(CancellationToken cancellationToken)
    {
        if (Detail is null)
        {
            return true;
        }

        var detail = await store.OpenAsync(course.UserId, Detail.Conversation.Id, cancellationToken);
        if (detail is null)
        {
            live.Stop();
            Detail = null;
            Messages = [];
            notice.Show(Gone);
            return false;
        }

        Detail = detail;
        await BuildCardsAsync(detail, cancellationToken);
        return true;
    }

    private async Task BuildCardsAsync(ConversationDetail detail, CancellationToken cancellationToken)
    {
        var authors = detail.Messages.Where(m => m.AuthorUserId is not null).Select(m => m.AuthorUserId!.Value);
        if (authors.Any(a => !authorNames.ContainsKey(a)))
        {
            authorNames = await users.DisplayNamesAsync(authors, cancellationToken);
        }

        IReadOnlyList<ChatMessageView> cards = [.. detail.Messages.Select(m => MessageViews.From(m, authorNames, course.ModelConfigs))];
        Messages = live.WithLiveAnswer(detail.Conversation.Id, cards) ?? cards;
    }

    public async ValueTask DisposeAsync()
    {
        // The follower first: it may be waiting at the gate.
        await live.DisposeAsync();
        gate.Dispose();
    }
}
