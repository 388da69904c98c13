using Grimoire.Core.Accounts;
using Grimoire.Core.Playground.Presence;
using Grimoire.Web.State;

namespace Grimoire.Web.Features.Playground.Session;

/// <summary>
/// This page's seat in <see cref="ConversationPresence"/>: it joins the conversation on screen (and leaves it when
/// another opens), reports typing, and says who else is here now and who is typing (issue 12 item 2).
/// </summary>
public sealed class PresenceFollowing(ConversationPresence presence, UserDirectory users, CourseContext course) : ObservableState, IDisposable
{
    private IDisposable? seat;
    private string? myName;

    public Guid? ConversationId { get; private set; }

    /// <summary>The other people on this conversation's page now (not the person themselves), by name.</summary>
    public IReadOnlyList<PresentPerson> Others => ConversationId is { } id
        ? [.. presence.Present(id).Where(p => p.UserId != course.UserId)]
        : [];

    /// <summary>Sits in <paramref name="conversationId"/> (null: none) instead of the conversation before.</summary>
    public async Task FollowAsync(Guid? conversationId, CancellationToken cancellationToken)
    {
        if (conversationId == ConversationId)
        {
            return;
        }

        seat?.Dispose();
        seat = null;
        ConversationId = conversationId;
        if (conversationId is { } id)
        {
            myName ??= (await users.DisplayNamesAsync([course.UserId], cancellationToken)).GetValueOrDefault(course.UserId, "Someone");
            seat = presence.Join(id, course.UserId, myName, RaiseChanged);
        }

        RaiseChanged();
    }

    /// <summary>The composer's text changed (the browser throttles this to one call per <see cref="ConversationPresence.TypingSignalInterval"/>).</summary>
    public void Typing()
    {
        if (ConversationId is { } id)
        {
            presence.Typing(id, course.UserId);
        }
    }

    public void Dispose() => seat?.Dispose();
}
