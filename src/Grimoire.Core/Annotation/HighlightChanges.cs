namespace Grimoire.Core.Annotation;

/// <summary>
/// Live annotation (issue 12 item 4): <see cref="Highlights"/> publishes here after every write (highlight, comment,
/// removal), keyed by workspace, and each open annotation page of that workspace reloads its highlight list. In
/// process, like <see cref="Playground.Live.InProcessLiveTurnHub"/>; a second node would relay through the same
/// channel as the live hub. Handlers run on the writer's thread: they must only schedule work (the page uses
/// InvokeAsync). Singleton.
/// </summary>
public sealed class HighlightChanges
{
    private readonly Lock gate = new();
    private readonly Dictionary<Guid, List<Action>> watchers = [];

    /// <summary>Calls <paramref name="onChanged"/> after each highlight write in the workspace until disposed.</summary>
    public IDisposable Subscribe(Guid workspaceId, Action onChanged)
    {
        ArgumentNullException.ThrowIfNull(onChanged);
        lock (gate)
        {
            if (!watchers.TryGetValue(workspaceId, out var list))
            {
                watchers[workspaceId] = list = [];
            }

            list.Add(onChanged);
        }

        return new Subscription(this, workspaceId, onChanged);
    }

    /// <summary>Tells the workspace's open pages that its highlights or comments changed.</summary>
    public void Publish(Guid workspaceId)
    {
        Action[] targets;
        lock (gate)
        {
            targets = watchers.TryGetValue(workspaceId, out var list) ? [.. list] : [];
        }

        foreach (var target in targets)
        {
            target();
        }
    }

    private void Remove(Guid workspaceId, Action onChanged)
    {
        lock (gate)
        {
            if (watchers.TryGetValue(workspaceId, out var list) && list.Remove(onChanged) && list.Count == 0)
            {
                watchers.Remove(workspaceId);
            }
        }
    }

    private sealed class Subscription(HighlightChanges owner, Guid workspaceId, Action onChanged) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                owner.Remove(workspaceId, onChanged);
            }
        }
    }
}
