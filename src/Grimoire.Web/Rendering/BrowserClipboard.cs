using Microsoft.JSInterop;

namespace Grimoire.Web.Rendering;

/// <summary>
/// The browser clipboard for one circuit, through the <c>js/message-actions.js</c> module (imported once).
/// Also switches on the copy buttons the renderer adds to code blocks, handled by one delegated click listener.
/// </summary>
public sealed class BrowserClipboard(IJSRuntime js) : IAsyncDisposable, IDisposable
{
    internal const string ModulePath = "./js/message-actions.js";

    private Task<IJSObjectReference>? _module;
    private bool _codeCopyEnabled;

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
        if (_codeCopyEnabled)
        {
            return;
        }

        _codeCopyEnabled = true;
        try
        {
            var module = await GetModuleAsync(cancellationToken);
            await module.InvokeVoidAsync("enableCodeCopyButtons", cancellationToken);
        }
        catch
        {
            _codeCopyEnabled = false;
            throw;
        }
    }

    /// <summary>Synchronous disposal (some hosts and tests): forget the module; the page frees it when it goes.</summary>
    public void Dispose() => _module = null;

    public async ValueTask DisposeAsync()
    {
        if (_module is not { IsCompletedSuccessfully: true } module)
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
        _module ??= js.InvokeAsync<IJSObjectReference>("import", CancellationToken.None, ModulePath).AsTask();
        try
        {
            return await _module.WaitAsync(cancellationToken);
        }
        catch (Exception) when (_module.IsFaulted || _module.IsCanceled)
        {
            _module = null;
            throw;
        }
    }
}
