using System.Collections.Concurrent;

namespace Grimoire.Core.Playground.Presence;

/// <summary>One person on a conversation's page now, and whether they are typing.</summary>
public sealed record PresentPerson(Guid UserId, string Name, bool IsTyping);

/// <summary>
/// Who has a conversation open now and who is typing (issue 12 item 2), in process like the live hub. A page
/// <see cref="Join"/>s while it shows the conversation; the composer reports typing at most once per
/// <see cref="TypingSignalInterval"/> (throttled in the browser), and a person counts as typing for
/// <see cref="TypingLasts"/> after their last signal. Everyone joined is told of each change. Presence is advisory:
/// it grants nothing (rights stay with the workspace ACL). Singleton.
/// </summary>
public sealed class ConversationPresence(TimeProvider time)
{
    public static readonly TimeSpan TypingSignalInterval = TimeSpan.FromSeconds(2);

    public static readonly TimeSpan TypingLasts = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<Guid, Room> rooms = new();

    /// <summary>Shows <paramref name="name"/> as viewing <paramref name="conversationId"/> until the handle is disposed; <paramref name="onChanged"/> runs (on any thread) when anyone joins, leaves or types.</summary>
    public IDisposable Join(Guid conversationId, Guid userId, string name, Action onChanged)
    {
        ArgumentNullException.ThrowIfNull(onChanged);
        var room = rooms.GetOrAdd(conversationId, _ => new Room());
        var seat = new Seat(userId, name, onChanged);
        lock (room)
        {
            room.Seats.Add(seat);
        }

        Notify(room);
        return new Leaving(() => Leave(conversationId, room, seat));
    }

    /// <summary>The person is typing in the conversation's composer now.</summary>
    public void Typing(Guid conversationId, Guid userId)
    {
        if (!rooms.TryGetValue(conversationId, out var room))
        {
            return;
        }

        var until = time.GetUtcNow() + TypingLasts;
        bool started;
        lock (room)
        {
            started = !room.TypingUntil.TryGetValue(userId, out var was) || was <= time.GetUtcNow();
            room.TypingUntil[userId] = until;
            room.Expiry ??= time.CreateTimer(_ => Expire(room), null, TypingLasts, TimeSpan.FromSeconds(1));
        }

        if (started)
        {
            Notify(room);
        }
    }

    /// <summary>The people on the conversation's page now (one entry per person, however many tabs), by name.</summary>
    public IReadOnlyList<PresentPerson> Present(Guid conversationId)
    {
        if (!rooms.TryGetValue(conversationId, out var room))
        {
            return [];
        }

        var now = time.GetUtcNow();
        lock (room)
        {
            return [.. room.Seats.GroupBy(s => s.UserId)
                .Select(g => new PresentPerson(g.Key, g.First().Name, room.TypingUntil.TryGetValue(g.Key, out var until) && until > now))
                .OrderBy(p => p.Name, StringComparer.CurrentCulture)];
        }
    }

    private void Expire(Room room)
    {
        var now = time.GetUtcNow();
        bool changed;
        lock (room)
        {
            var expired = room.TypingUntil.Where(t => t.Value <= now).Select(t => t.Key).ToList();
            expired.ForEach(id => room.TypingUntil.Remove(id));
            changed = expired.Count > 0;
            if (room.TypingUntil.Count == 0)
            {
                room.Expiry?.Dispose();
                room.Expiry = null;
            }
        }

        if (changed)
        {
            Notify(room);
        }
    }

    private void Leave(Guid conversationId, Room room, Seat seat)
    {
        lock (room)
        {
            room.Seats.Remove(seat);
            if (room.Seats.Count == 0)
            {
                room.Expiry?.Dispose();
                room.Expiry = null;
                rooms.TryRemove(new KeyValuePair<Guid, Room>(conversationId, room));
            }
        }

        Notify(room);
    }

    private static void Notify(Room room)
    {
        Seat[] seats;
        lock (room)
        {
            seats = [.. room.Seats];
        }

        foreach (var seat in seats)
        {
            seat.OnChanged();
        }
    }

    private sealed class Room
    {
        public List<Seat> Seats { get; } = [];

        public Dictionary<Guid, DateTimeOffset> TypingUntil { get; } = [];

        public ITimer? Expiry { get; set; }
    }

    private sealed record Seat(Guid UserId, string Name, Action OnChanged);

    private sealed class Leaving(Action leave) : IDisposable
    {
        private Action? leave = leave;

        public void Dispose() => Interlocked.Exchange(ref leave, null)?.Invoke();
    }
}
