namespace Grimoire.Web.State;

/// <summary>
/// A piece of circuit state that says when it changed (eShop's BasketState pattern). A component subscribes, and on
/// each notice calls <c>InvokeAsync(StateHasChanged)</c> itself; the notice may come from a background thread, so
/// nothing here ever needs the renderer's dispatcher.
/// </summary>
public abstract class ObservableState
{
    private readonly Lock gate = new();
    private Action[] listeners = [];

    /// <summary>Calls <paramref name="onChanged"/> after every change until the returned handle is disposed.</summary>
    public IDisposable Subscribe(Action onChanged)
    {
        ArgumentNullException.ThrowIfNull(onChanged);
        lock (gate)
        {
            listeners = [.. listeners, onChanged];
        }

        return new Subscription(this, onChanged);
    }

    protected void RaiseChanged()
    {
        foreach (var listener in Volatile.Read(ref listeners))
        {
            listener();
        }
    }

    private void Unsubscribe(Action onChanged)
    {
        lock (gate)
        {
            listeners = [.. listeners.Where(l => l != onChanged)];
        }
    }

    private sealed class Subscription(ObservableState state, Action onChanged) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                state.Unsubscribe(onChanged);
            }
        }
    }
}
