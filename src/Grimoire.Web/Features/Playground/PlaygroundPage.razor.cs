using Grimoire.Web.Features.Playground.Messages;
using Grimoire.Web.Features.Playground.Session;
using Grimoire.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;
using MudBlazor;

namespace Grimoire.Web.Features.Playground;

/// <summary>The student playground: renders the <see cref="PlaygroundSession"/> and forwards what the student does.</summary>
public sealed partial class PlaygroundPage
{
    private readonly CancellationTokenSource lifetime = new();
    private ElementReference messageList;
    private IJSObjectReference? scrollFollower;
    private Guid? shownConversation;
    private bool controlsOpen;
    private Func<MessageEditRequest, Task<string?>>? editHandler;
    private EventCallback<ChatMessageView> regenerateHandler;
    private EventCallback<ChatMessageView> branchHandler;

    [Inject]
    private PlaygroundSession Session { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    /// <summary>The conversation in the address, so a reload or a shared link reopens it (X6).</summary>
    [Parameter]
    public Guid? ConversationId { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    /// <summary>Only while answering the HTTP request (prerendering); null in the live circuit.</summary>
    [CascadingParameter]
    private HttpContext? HttpContext { get; set; }

    private IDisposable? subscription;

    private CourseContext Course => Session.Course;

    private ComposerState Composer => Session.Composer;

    private OpenConversation Open => Session.Conversation;

    private bool ReadOnly => Open.Id is not null && !Open.CanWrite;

    /// <summary>While an answer arrives: who asked for it, and that a message can be written meanwhile (AC8.2).</summary>
    private string? BusyNote => Open.StreamingForSomeoneElse && Open.StreamingAskedBy is { } by
        ? $"{by} asked for this answer; it is arriving now. You can write meanwhile and send once it is done."
        : null;

    protected override async Task OnInitializedAsync()
    {
        shownConversation = ConversationId;
        editHandler = edit => Session.Notice.RunAsync(() => Session.Changes.EditAsync(edit, lifetime.Token));
        regenerateHandler = EventCallback.Factory.Create<ChatMessageView>(this, RegenerateAsync);
        branchHandler = EventCallback.Factory.Create<ChatMessageView>(this, message => Session.Notice.RunAsync(() => Session.Changes.BranchAsync(message.Id, lifetime.Token)));
        subscription = Session.Subscribe(OnSessionChanged);
        var user = (await AuthenticationState).User;
        if (user.GetUserId() is { } userId)
        {
            await Session.InitializeAsync(userId, ConversationId, lifetime.Token);
            shownConversation = Open.Id;
        }

        if (ConversationId is not null && Open.Id is null)
        {
            // Someone else's (or no) conversation: the page shows only the person's own playground and a notice,
            // and the address answers 403 like every other refusal, the same for a foreign id as for an unknown one.
            HttpContext.MarkForbidden();
        }
    }

    protected override async Task OnParametersSetAsync()
    {
        if (ConversationId is { } id && id != shownConversation && Course.UserId != Guid.Empty)
        {
            shownConversation = id;
            await OpenAsync(id);
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender && Session.Presence.ConversationId != Open.Id)
        {
            await Session.Notice.RunAsync(() => Session.Presence.FollowAsync(Open.Id, lifetime.Token));
        }

        if (scrollFollower is null && Course.Course is not null && messageList.Context is not null)
        {
            await using var module = await JS.InvokeAsync<IJSObjectReference>("import", "./js/composer.js");
            scrollFollower = await module.InvokeAsync<IJSObjectReference>("followScroll", messageList);
        }
    }

    private void OnSessionChanged()
    {
        // Keep the address on the open conversation (reload and links reopen it). Only from a live circuit:
        // navigating during prerendering would answer with a redirect.
        var current = Open.Id;
        if (RendererInfo.IsInteractive && current is { } id && id != shownConversation)
        {
            shownConversation = id;
            _ = InvokeAsync(() => Navigation.NavigateTo($"/playground/{id}", replace: true));
        }

        if (RendererInfo.IsInteractive && Session.Presence.ConversationId != current)
        {
            _ = InvokeAsync(() => Session.Notice.RunAsync(() => Session.Presence.FollowAsync(current, lifetime.Token)));
        }

        _ = InvokeAsync(StateHasChanged);
    }

    // Every handler goes through the notice: a refusal shows beside the action and the circuit lives on (decision 0010).
    private Task SelectCourseAsync(Guid courseId) => Session.Notice.RunAsync(() => Session.SelectCourseAsync(courseId, lifetime.Token));

    private Task NewConversationAsync() => Session.Notice.RunAsync(() => Session.NewConversationAsync(lifetime.Token));

    private Task OpenAsync(Guid id) => Session.Notice.RunAsync(() => Session.OpenAsync(id, lifetime.Token));

    private Task SearchAsync(string text) => Session.Notice.RunAsync(() => Session.Conversations.SearchAsync(text, lifetime.Token));

    private Task LoadMoreAsync() => Session.Notice.RunAsync(() => Session.Conversations.LoadMoreAsync(lifetime.Token));

    private Task RenameAsync((Guid Id, string Title) rename) => Session.Notice.RunAsync(() => Session.RenameAsync(rename.Id, rename.Title, lifetime.Token));

    private Task DeleteAsync(Guid id) => Session.Notice.RunAsync(() => Session.DeleteAsync(id, lifetime.Token));

    private Task<string?> SendAsync(string text) => Session.Notice.RunAsync(() => Session.SendAsync(text, lifetime.Token));

    private Task AttachAsync(IReadOnlyList<Microsoft.AspNetCore.Components.Forms.IBrowserFile> files) =>
        Session.Notice.RunAsync(() => Session.AttachAsync(files, lifetime.Token));

    private void Typing() => Session.Presence.Typing();

    /// <summary>"Priya Sharma is here · Priya Sharma is typing…", or null when no one else is.</summary>
    private string? PresenceLine
    {
        get
        {
            var others = Session.Presence.Others;
            if (others.Count == 0)
            {
                return null;
            }

            var typing = others.Where(p => p.IsTyping).Select(p => p.Name).ToList();
            var line = $"Also here now: {string.Join(", ", others.Select(p => p.Name))}";
            return typing.Count == 0 ? line : $"{line} · {string.Join(", ", typing)} {(typing.Count == 1 ? "is" : "are")} typing…";
        }
    }

    private Task StopAsync() => Session.Notice.RunAsync(() => Open.StopAsync(lifetime.Token));

    private async Task ShareAsync()
    {
        if (Open.WorkspaceId is not { } workspaceId)
        {
            return;
        }

        var parameters = new DialogParameters<Sharing.ShareDialog>
        {
            { d => d.WorkspaceId, workspaceId },
            { d => d.UserId, Course.UserId },
        };
        var dialog = await Dialogs.ShowAsync<Sharing.ShareDialog>("Share this conversation", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        await dialog.Result;
        await Session.Notice.RunAsync(() => Session.Conversations.RefreshAsync(lifetime.Token));
    }

    private async Task RegenerateAsync(ChatMessageView message)
    {
        var question = Session.Changes.AskRegenerate(message.Id);
        var parameters = new DialogParameters<RegenerateDialog>
        {
            { d => d.LaterMessages, question.LaterMessages },
            { d => d.CurrentDescription, question.CurrentDescription },
            { d => d.OriginalDescription, question.OriginalDescription },
        };
        var dialog = await Dialogs.ShowAsync<RegenerateDialog>("Regenerate this answer", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        if (await dialog.Result is { Canceled: false, Data: RegenerateChoice choice })
        {
            await Session.Notice.RunAsync(() => Session.Changes.RegenerateAsync(message.Id, choice, lifetime.Token));
        }
    }

    public async ValueTask DisposeAsync()
    {
        subscription?.Dispose();
        await lifetime.CancelAsync();
        lifetime.Dispose();
        if (scrollFollower is not null)
        {
            try
            {
                await scrollFollower.InvokeVoidAsync("dispose");
                await scrollFollower.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The browser is gone.
            }
        }
    }
}
