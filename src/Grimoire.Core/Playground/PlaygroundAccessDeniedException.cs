using Grimoire.Core.Refusals;

namespace Grimoire.Core.Playground;

/// <summary>
/// The person may not do this to this conversation or course (<see cref="RefusalKind.Forbidden"/>), or the
/// conversation is gone or not theirs: the two look alike (<see cref="RefusalKind.NotFound"/>, <see cref="ConversationGone"/>).
/// The message is safe to show.
/// </summary>
public sealed class PlaygroundAccessDeniedException : RefusalException
{
    public const string GoneMessage = "This conversation was deleted or you no longer have access to it.";

    public PlaygroundAccessDeniedException()
        : this("You don't have access to this conversation.")
    {
    }

    public PlaygroundAccessDeniedException(string message)
        : base(RefusalKind.Forbidden, message)
    {
    }

    public PlaygroundAccessDeniedException(string message, Exception innerException)
        : base(RefusalKind.Forbidden, message, innerException)
    {
    }

    private PlaygroundAccessDeniedException(RefusalKind kind, string message)
        : base(kind, message)
    {
    }

    /// <summary>The conversation does not exist (deleted meanwhile) or the person has no access to it.</summary>
    public static PlaygroundAccessDeniedException ConversationGone() => new(RefusalKind.NotFound, GoneMessage);
}
