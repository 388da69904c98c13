using Microsoft.JSInterop;

namespace Grimoire.Web.Rendering;

/// <summary>
/// The browser clipboard for one circuit, through the <c>js/message-actions.js</c> module (imported once).
/// Also switches on the copy buttons the renderer adds to code blocks, handled by one delegated click listener.
/// </summary>
public sealed class BrowserClipboard(IJSRuntime js) : IAsyncDisposable, IDisposable
{
    internal const string ModulePath = "./js/message-actions.js";

    private Task<IJSObjectReference>? module;
    private bool codeCopyEnabled;

    /// <summary>Copies <paramref name="text"/> exactly as given. False when the browser refused.</summary>
    public async Task<bool> CopyAsync(string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            var module = await GetModuleAsync(cancellationToken);
            return await module.InvokeAsync<bool>("copyText", cancellationToken, text);
        }
        catch (JSException)
        {
            return false;
        }
    }

    /// <summary>Installs the click handler for code-block copy buttons. Idempotent; call after first render.</summary>
    public async Task EnableCodeCopyButtonsAsync(CancellationToken cancellationToken = default)
    {
        if (codeCopyEnabled)
        {
            return;
        }

        codeCopyEnabled = true;
        try
        {
            var module = await GetModuleAsync(cancellationToken);
            await module.InvokeVoidAsync("enableCodeCopyButtons", cancellationToken);
        }
        catch
        {
            codeCopyEnabled = false;
            throw;
        }
    }

    /// <summary>Synchronous disposal (some hosts and tests): forget the module; the page frees it when it goes.</summary>
    public void Dispose() => this.module = null;

    public async ValueTask DisposeAsync()
    {
        if (this.module is not { IsCompletedSuccessfully: true } module)
        {
            return;
        }

        try
        {
            await module.Result.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone and the browser took the module with it.
        }
    }

    private async Task<IJSObjectReference> GetModuleAsync(CancellationToken cancellationToken)
    {
        // Imported without the caller's token: one caller giving up must not poison the shared import.
        this.module ??= js.InvokeAsync<IJSObjectReference>("import", CancellationToken.None, ModulePath).AsTask();
        try
        {
            return await this.module.WaitAsync(cancellationToken);
        }
        catch (Exception) when (this.module.IsFaulted || this.module.IsCanceled)
        {
            this.module = null;
            throw;
        }
    }
}
