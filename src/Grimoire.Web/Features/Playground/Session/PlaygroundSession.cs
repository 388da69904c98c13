using Grimoire.Core.Playground;
using Grimoire.Core.Playground.Turns;
using Grimoire.Web.Refusals;

namespace Grimoire.Web.Features.Playground.Session;

/// <summary>
/// One student's playground in one circuit: the focused states it is made of, and the few actions that change
/// more than one of them (opening in another course, starting a conversation by sending, deleting the open one).
/// Components render the parts and forward events; <see cref="Subscribe"/> tells them when any part changed.
/// </summary>
public sealed class PlaygroundSession(
    CourseContext course,
    ComposerState composer,
    ConversationListState conversations,
    OpenConversation conversation,
    ConversationChanges changes,
    RefusalNotice notice,
    ConversationStore store,
    MessageSending sending,
    PendingAttachments attachments,
    MembershipFollowing membership,
    PresenceFollowing presence)
{
    public const string NotYours = "That conversation does not exist or is not yours to open.";

    public CourseContext Course => course;

    public ComposerState Composer => composer;

    public ConversationListState Conversations => conversations;

    public OpenConversation Conversation => conversation;

    public ConversationChanges Changes => changes;

    /// <summary>Who else has this conversation open, and who is typing (issue 12 item 2).</summary>
    public PresenceFollowing Presence => presence;

    /// <summary>The files waiting to go with the next message (issue 10).</summary>
    public PendingAttachments Attachments => attachments;

    /// <summary>The last refusal or failure, shown above the composer; cleared by the next action.</summary>
    public RefusalNotice Notice => notice;

    /// <summary>Calls <paramref name="onChanged"/> after a change to any part, until disposed (possibly from a background thread).</summary>
    public IDisposable Subscribe(Action onChanged) => new Subscriptions(
    [
        course.Subscribe(onChanged), composer.Subscribe(onChanged), conversations.Subscribe(onChanged),
        conversation.Subscribe(onChanged), notice.Subscribe(onChanged), attachments.Subscribe(onChanged), presence.Subscribe(onChanged),
    ]);

    public async Task InitializeAsync(Guid userId, Guid? conversationId, CancellationToken cancellationToken)
    {
        await course.InitializeAsync(userId, cancellationToken);
        membership.Start(userId);
        var detail = conversationId is { } id ? await store.OpenAsync(userId, id, cancellationToken) : null;
        if (conversationId is not null && detail is null)
        {
            notice.Show(NotYours);
        }

        if ((detail?.Conversation.CourseId ?? course.FirstActiveCourseId) is { } courseId)
        {
            await LoadCourseAsync(courseId, cancellationToken);
        }

        if (detail is not null)
        {
            await conversation.ShowAsync(detail, cancellationToken);
        }
    }

    public async Task SelectCourseAsync(Guid courseId, CancellationToken cancellationToken)
    {
        if (course.Course?.Id == courseId)
        {
            return;
        }

        conversation.Close();
        attachments.Clear(); // they were uploaded into the closed conversation's workspace
        await LoadCourseAsync(courseId, cancellationToken);
    }

    public async Task NewConversationAsync(CancellationToken cancellationToken)
    {
        if (course.Course is not null)
        {
            var created = await sending.CreateConversationAsync(cancellationToken);
            await conversations.RefreshAsync(cancellationToken);
            await OpenAsync(created.Id, cancellationToken);
        }
    }

    /// <summary>Opens a conversation, in its own course (the sidebar and the models switch with it).</summary>
    public async Task OpenAsync(Guid conversationId, CancellationToken cancellationToken)
    {
        if (await store.OpenAsync(course.UserId, conversationId, cancellationToken) is not { } detail)
        {
            notice.Show(NotYours);
            return;
        }

        if (conversationId != conversation.Id)
        {
            attachments.Clear(); // files waiting in the composer belong to the other conversation's workspace
        }

        if (detail.Conversation.CourseId != course.Course?.Id)
        {
            await LoadCourseAsync(detail.Conversation.CourseId, cancellationToken);
        }

        await conversation.ShowAsync(detail, cancellationToken);
    }

    public async Task RenameAsync(Guid conversationId, string title, CancellationToken cancellationToken)
    {
        await conversations.RenameAsync(conversationId, title, cancellationToken);
        if (conversation.Id == conversationId)
        {
            await conversation.ReloadAsync(cancellationToken);
        }

        conversation.Announce(conversationId);
    }

    public async Task DeleteAsync(Guid conversationId, CancellationToken cancellationToken)
    {
        // A refusal (the archive could not take the record) throws to the page's handler, which shows it; nothing was deleted.
        await conversations.DeleteAsync(conversationId, cancellationToken);
        if (conversation.Id == conversationId)
        {
            conversation.Close();
            attachments.Clear();
        }
    }

    /// <summary>Sends the message with its files; null when the turn started, otherwise why not (the composer keeps the text).</summary>
    public Task<string?> SendAsync(string text, CancellationToken cancellationToken) => sending.SendAsync(text, cancellationToken);

    /// <summary>Files dropped, pasted or picked in the composer (AC7.1); see <see cref="MessageSending.AttachAsync"/>.</summary>
    public Task AttachAsync(IReadOnlyList<Microsoft.AspNetCore.Components.Forms.IBrowserFile> files, CancellationToken cancellationToken) =>
        sending.AttachAsync(files, cancellationToken);

    /// <summary>Why the selected model takes no files (AC7.5), or null.</summary>
    public string? AttachProblem => sending.AttachProblem;

    private async Task LoadCourseAsync(Guid courseId, CancellationToken cancellationToken)
    {
        await course.LoadAsync(courseId, cancellationToken);
        composer.UseCourseDefaults();
        await conversations.ResetAsync(cancellationToken);
    }

    private sealed class Subscriptions(IReadOnlyList<IDisposable> parts) : IDisposable
    {
        public void Dispose()
        {
            foreach (var part in parts)
            {
                part.Dispose();
            }
        }
    }
}
