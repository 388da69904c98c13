using Grimoire.Core.Refusals;

namespace Grimoire.Core.Playground;

/// <summary>
/// A playground action (send, regenerate, edit, branch, delete) refused, with nothing changed: the
/// <see cref="RefusalKind"/> says how the web layer maps it and the message is the sentence beside the action
/// (docs/decisions/0010-one-refusal-type.md). Access and limits keep their own types
/// (<see cref="PlaygroundAccessDeniedException"/>, <see cref="PlaygroundLimitException"/>).
/// </summary>
public sealed class PlaygroundRefusedException : RefusalException
{
    public PlaygroundRefusedException()
        : this(RefusalKind.Conflict, "That can't be done right now.")
    {
    }

    public PlaygroundRefusedException(string message)
        : this(RefusalKind.Conflict, message)
    {
    }

    public PlaygroundRefusedException(string message, Exception innerException)
        : base(RefusalKind.Conflict, message, innerException)
    {
    }

    public PlaygroundRefusedException(RefusalKind kind, string message)
        : base(kind, message)
    {
    }

    /// <summary>Not possible in the state the conversation is in (an answer streaming, a row changed meanwhile, the archive refusing).</summary>
    public static PlaygroundRefusedException Conflict(string message) => new(RefusalKind.Conflict, message);

    /// <summary>The values given cannot be used (empty text, a model or settings not available).</summary>
    public static PlaygroundRefusedException Invalid(string message) => new(RefusalKind.Invalid, message);

    /// <summary>The person may not do this here (not an editor, course archived, no key).</summary>
    public static PlaygroundRefusedException Forbidden(string message) => new(RefusalKind.Forbidden, message);
}
