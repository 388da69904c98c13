using Grimoire.Core.Playground;
using Grimoire.Web.Rendering;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace Grimoire.Web.Features.Playground.Messages;

public sealed partial class MessageCard : IDisposable
{
    private readonly CancellationTokenSource lifetime = new();

    private ChatMessageView? renderedMessage;
    private bool renderedEditable;
    private bool renderedRegenerable;
    private bool renderedBranchable;
    private bool needsRender;
    private bool editing;

    private string? contentSource;
    private LiveMarkdown? live;
    private MarkupString content;
    private LiveParts? parts; // while streaming: stable chunks and the tail, as separate frames

    [Inject]
    private MarkdownRenderer Renderer { get; set; } = default!;

    [Inject]
    private BrowserClipboard Clipboard { get; set; } = default!;

    [Inject]
    private IDialogService DialogService { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    /// <summary>The message to show, already decided by the playground session.</summary>
    [Parameter, EditorRequired]
    public ChatMessageView Message { get; set; } = default!;

    /// <summary>
    /// Saves an edit of this message (AC6.1, AC6.2) and returns why not, or null when saved. The Edit button shows
    /// only when a handler is attached.
    /// </summary>
    [Parameter]
    public Func<MessageEditRequest, Task<string?>>? OnEdit { get; set; }

    /// <summary>The most characters an edit may have (0: no limit); the server checks again.</summary>
    [Parameter]
    public int EditMaxChars { get; set; }

    /// <summary>Branch a new conversation from this message (X2). The button shows only when a handler is attached.</summary>
    [Parameter]
    public EventCallback<ChatMessageView> OnBranch { get; set; }

    /// <summary>Regenerate this assistant message (AC6.3). The button shows only when a handler is attached.</summary>
    [Parameter]
    public EventCallback<ChatMessageView> OnRegenerate { get; set; }

    private bool IsAssistant => Message.Role == MessageRole.Assistant;

    private string RoleName => IsAssistant ? "assistant" : "user";

    private string StatusName => Message.Status.ToString().ToLowerInvariant();

    private bool HasContent => !string.IsNullOrEmpty(Message.Content);

    /// <summary>The answer text is arriving now (the caret shows).</summary>
    private bool IsWriting => Message.IsStreaming && Message.Phase == LivePhase.Answering;

    private Notice? StatusNotice => Message.Status switch
    {
        MessageStatus.Cancelled => new(Severity.Info, "Stopped.",
            Message.ErrorText ?? (HasContent ? "You stopped the answer; what arrived is kept above." : "You stopped the answer before any text arrived.")),
        MessageStatus.Failed => new(Severity.Error, "Failed.",
            Message.ErrorText ?? "The provider returned an error."),
        MessageStatus.Interrupted => new(Severity.Warning, "Interrupted.",
            Message.ErrorText ?? "The server stopped while this answer was streaming; what arrived is kept."),
        _ => null,
    };

    protected override void OnParametersSet()
    {
        ArgumentNullException.ThrowIfNull(Message);
        if (!Equals(Message, renderedMessage)
            || (OnEdit is not null) != renderedEditable
            || OnRegenerate.HasDelegate != renderedRegenerable
            || OnBranch.HasDelegate != renderedBranchable)
        {
            needsRender = true;
            renderedMessage = Message;
            renderedEditable = OnEdit is not null;
            renderedRegenerable = OnRegenerate.HasDelegate;
            renderedBranchable = OnBranch.HasDelegate;
        }

        if (Message.IsStreaming)
        {
            editing = false;
        }

        var streaming = Message.IsStreaming;
        if (!string.Equals(contentSource, Message.Content, StringComparison.Ordinal) || streaming != (live is not null))
        {
            // While streaming only the last paragraph is re-rendered; once finished the whole text is rendered
            // (and cached) exactly.
            live = streaming ? live ?? Renderer.BeginLive() : null;
            parts = live?.Parts(Message.Content);
            content = live is null ? Renderer.Render(Message.Content) : default;
            contentSource = Message.Content;
        }
    }

    // A long conversation re-renders its parent many times a second while one answer streams: cards whose
    // message did not change skip rendering entirely.
    protected override bool ShouldRender() => needsRender;

    // Called from the markup, so it runs on every render, the first included (which never asks ShouldRender).
    private void MarkRendered() => needsRender = false;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }

        try
        {
            await Clipboard.EnableCodeCopyButtonsAsync(lifetime.Token);
        }
        catch (Exception ex) when (ex is JSDisconnectedException or OperationCanceledException)
        {
            // The circuit went away before the script loaded; nothing to enable.
        }
    }

    private async Task CopyRequestAsync()
    {
        if (Message.RequestJson is not { } json)
        {
            return;
        }

        try
        {
            var copied = await Clipboard.CopyAsync(json, lifetime.Token);
            Snackbar.Add(
                copied ? "API request JSON copied." : "The browser blocked the clipboard: use “View request” and copy from there.",
                copied ? Severity.Success : Severity.Warning);
        }
        catch (OperationCanceledException) when (lifetime.IsCancellationRequested)
        {
            // The card went away while copying.
        }
    }

    private async Task ViewRequestAsync()
    {
        var parameters = new DialogParameters<RequestJsonDialog>
        {
            { d => d.RequestJson, Message.RequestJson },
            { d => d.RequestUrl, Message.RequestUrl },
        };
        var options = new DialogOptions
        {
            MaxWidth = MaxWidth.Large,
            FullWidth = true,
            CloseButton = true,
            CloseOnEscapeKey = true,
        };
        await DialogService.ShowAsync<RequestJsonDialog>("API request", parameters, options);
    }

    /// <summary>What saving an edit changes beyond the text, when it matters.</summary>
    private string? EditHint => IsAssistant
        ? "Your edit replaces this answer in the conversation the model sees next; the original stays in the course archive."
          + (Message.Thinking is not null || Message.HasRedactedThinking ? " Its thinking will no longer be sent back (its signature would not match)." : "")
        : "Your edit replaces this message in the conversation the model sees next; the original stays in the course archive.";

    private void BeginEdit()
    {
        editBase = new Core.Playground.Editing.EditBase(Message.Content, Message.EditedAt);
        editing = true;
        needsRender = true;
    }

    private Core.Playground.Editing.EditBase? editBase;

    private void CancelEdit()
    {
        editing = false;
        needsRender = true;
    }

    private async Task<string?> SaveEditAsync(string text)
    {
        var refusal = await OnEdit!(new MessageEditRequest(Message.Id, text, editBase));
        if (refusal is null)
        {
            editing = false;
            needsRender = true;
            StateHasChanged();
        }
        else
        {
            // Told who changed it meanwhile, and their version is shown now: saving again replaces it, deliberately.
            editBase = new Core.Playground.Editing.EditBase(Message.Content, Message.EditedAt);
        }

        return refusal;
    }

    private Task BranchAsync()
    {
        needsRender = true;
        return OnBranch.InvokeAsync(Message);
    }

    private Task RegenerateAsync()
    {
        needsRender = true;
        return OnRegenerate.InvokeAsync(Message);
    }

    public void Dispose()
    {
        lifetime.Cancel();
        lifetime.Dispose();
    }

    private sealed record Notice(Severity Severity, string Title, string Text);
}
