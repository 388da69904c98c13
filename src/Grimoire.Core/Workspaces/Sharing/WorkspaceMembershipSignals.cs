using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace Grimoire.Core.Workspaces.Sharing;

/// <summary>
/// Tells a person's open pages that their rights in a workspace changed (invited, role changed, revoked), so a
/// revoked member's page turns read-only or leaves at once instead of at their next click. In process, like
/// <see cref="Playground.Live.InProcessLiveTurnHub"/>: with several nodes it needs the same message bus the hub would.
/// The pages still ask <see cref="Access.WorkspaceAccess"/> again: a signal is a prompt to re-check, never a grant.
/// Singleton.
/// </summary>
public sealed class WorkspaceMembershipSignals
{
    private readonly ConcurrentDictionary<Guid, ImmutableList<Action<MembershipChanged>>> listeners = new();

    /// <summary>Calls <paramref name="onChanged"/> (on the publisher's thread) for every change to <paramref name="userId"/>'s rights, until disposed.</summary>
    public IDisposable Subscribe(Guid userId, Action<MembershipChanged> onChanged)
    {
        ArgumentNullException.ThrowIfNull(onChanged);
        listeners.AddOrUpdate(userId, _ => [onChanged], (_, list) => list.Add(onChanged));
        return new Subscription(() => Remove(userId, onChanged));
    }

    public void Publish(MembershipChanged change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (listeners.TryGetValue(change.UserId, out var list))
        {
            foreach (var listener in list)
            {
                listener(change);
            }
        }
    }

    private void Remove(Guid userId, Action<MembershipChanged> onChanged)
    {
        while (listeners.TryGetValue(userId, out var list))
        {
            var updated = list.Remove(onChanged);
            var swapped = updated.IsEmpty
                ? listeners.TryRemove(new KeyValuePair<Guid, ImmutableList<Action<MembershipChanged>>>(userId, list))
                : listeners.TryUpdate(userId, updated, list);
            if (swapped)
            {
                return;
            }
        }
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private Action? dispose = dispose;

        public void Dispose() => Interlocked.Exchange(ref dispose, null)?.Invoke();
    }
}
