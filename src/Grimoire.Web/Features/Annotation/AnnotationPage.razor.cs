using System.Globalization;
using Grimoire.Core.Annotation;
using Grimoire.Core.Refusals;
using Grimoire.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;

namespace Grimoire.Web.Features.Annotation;

/// <summary>
/// The annotation page (issue 11, AC5.1): the document's immutable snapshot, highlights drawn over it by
/// <c>js/annotation.js</c>, and a sidebar of cards. Every action goes to the Core services, which check the rights.
/// </summary>
public sealed partial class AnnotationPage
{
    private const string ModulePath = "./js/annotation.js";

    private readonly CancellationTokenSource lifetime = new();
    private DotNetObjectReference<AnnotationPage>? self;
    private IJSObjectReference? module;
    private IJSObjectReference? watcher;
    private ElementReference documentElement;
    private DocumentView? view;
    private IReadOnlyList<AnnotationTag> tags = [];
    private List<HighlightView> highlights = [];
    private bool denied;
    private Guid userId;
    private string? problem;
    private string? newComment;
    private Guid? tagFilter;
    private Guid? authorFilter;
    private PendingSelection? selection;
    private bool paintNeeded;

    private sealed record PendingSelection(int Start, int End, string Quote, double X, double Y);

    [Inject]
    private AnnotationDocuments Documents { get; set; } = default!;

    [Inject]
    private AnnotationTags Tags { get; set; } = default!;

    [Inject]
    private Highlights HighlightService { get; set; } = default!;

    [Inject]
    private IJSRuntime Js { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    /// <summary>The workspace in the address.</summary>
    [Parameter]
    public Guid WorkspaceId { get; set; }

    /// <summary>The document in the address.</summary>
    [Parameter]
    public Guid DocumentId { get; set; }

    private string BasePath => $"/workspaces/{WorkspaceId}/documents/{DocumentId}";

    private IEnumerable<HighlightView> Shown => highlights
        .Where(h => tagFilter is null || h.TagId == tagFilter)
        .Where(h => authorFilter is null || h.AuthorUserId == authorFilter);

    protected override async Task OnParametersSetAsync()
    {
        denied = false;
        view = null;
        var user = (await AuthenticationState).User;
        if (user.GetUserId() is not { } id)
        {
            denied = true;
            return;
        }

        userId = id;
        try
        {
            view = await Documents.OpenAsync(userId, WorkspaceId, DocumentId, lifetime.Token);
            tags = await Tags.ListAsync(userId, WorkspaceId, lifetime.Token);
            highlights = [.. await HighlightService.ListAsync(userId, DocumentId, lifetime.Token)];
            paintNeeded = true;
        }
        catch (AnnotationRefusedException)
        {
            view = null;
            denied = true;
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (view is null || !RendererInfo.IsInteractive)
        {
            return;
        }

        if (module is null)
        {
            module = await Js.InvokeAsync<IJSObjectReference>("import", lifetime.Token, ModulePath);
            self = DotNetObjectReference.Create(this);
            if (view.Rights.CanAnnotate)
            {
                watcher = await module.InvokeAsync<IJSObjectReference>("attach", lifetime.Token, documentElement, self);
            }
        }

        if (paintNeeded)
        {
            paintNeeded = false;
            await module.InvokeVoidAsync("paint", lifetime.Token, documentElement,
                Shown.Select(h => new { id = h.Id, start = h.Start, end = h.End, tagId = h.TagId }).ToArray(),
                tags.Select(t => new { id = t.Id, colour = t.Colour }).ToArray());
        }
    }

    /// <summary>The browser reports a selection inside the document (offsets in UTF-16 code units).</summary>
    [JSInvokable]
    public Task Selected(int start, int end, string quote, double x, double y) => InvokeAsync(() =>
    {
        selection = new PendingSelection(start, end, quote, x, y);
        StateHasChanged();
    });

    [JSInvokable]
    public Task SelectionCleared() => InvokeAsync(() =>
    {
        selection = null;
        StateHasChanged();
    });

    /// <summary>Number keys 1–9 while a selection is pending pick the first tags.</summary>
    [JSInvokable]
    public Task TagShortcut(int index) => InvokeAsync(async () =>
    {
        if (index >= 0 && index < tags.Count)
        {
            await HighlightAsync(tags[index]);
            StateHasChanged();
        }
    });

    private async Task HighlightAsync(AnnotationTag tag)
    {
        if (selection is not { } s)
        {
            return;
        }

        problem = null;
        try
        {
            var made = await HighlightService.CreateAsync(userId, DocumentId, s.Start, s.End, s.Quote, tag.Id, newComment, lifetime.Token);
            highlights = [.. highlights.Append(made).OrderBy(h => h.Start)];
            paintNeeded = true;
        }
        catch (RefusalException ex)
        {
            problem = ex.Message;
        }

        selection = null;
        newComment = null;
        if (watcher is not null)
        {
            await watcher.InvokeVoidAsync("done", lifetime.Token);
        }
    }

    private async Task CommentAsync((HighlightView Highlight, string Text) request)
    {
        problem = null;
        try
        {
            var comment = await HighlightService.CommentAsync(userId, request.Highlight.Id, request.Text, lifetime.Token);
            highlights = [.. highlights.Select(h => h.Id == request.Highlight.Id ? h with { Comments = [.. h.Comments, comment] } : h)];
        }
        catch (RefusalException ex)
        {
            problem = ex.Message;
        }
    }

    private async Task JumpAsync(HighlightView highlight)
    {
        if (module is not null)
        {
            await module.InvokeVoidAsync("reveal", lifetime.Token, documentElement, highlight.Start, highlight.End);
        }
    }

    private static string Px(double value) => value.ToString("0", CultureInfo.InvariantCulture) + "px";

    public async ValueTask DisposeAsync()
    {
        await lifetime.CancelAsync();
        try
        {
            if (watcher is not null)
            {
                await watcher.InvokeVoidAsync("dispose", CancellationToken.None);
                await watcher.DisposeAsync();
            }

            if (module is not null)
            {
                await module.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone and the browser took the module with it.
        }

        self?.Dispose();
        lifetime.Dispose();
    }
}
