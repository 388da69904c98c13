using Grimoire.Core.Refusals;

namespace Grimoire.Core.Playground.ClassShares;

/// <summary>Sharing with the class, unsharing or branching a class copy refused, with nothing changed. Safe to show.</summary>
public sealed class ClassShareRefusedException : RefusalException
{
    public const string OnlyInstructors = "Only the course's instructors can share a conversation with the class.";

    public const string NotFound = "This conversation does not exist or you don't have access to it.";

    public const string NothingToShare = "This conversation has no messages yet: there is nothing to share.";

    public const string StillArriving = "An answer in this conversation is still arriving. Wait for it to finish, then share.";

    public const string CourseArchived = "This course is archived: nothing can be shared with it.";

    public const string NotYourCopy = "Only the student this copy was shared with can branch it.";

    public ClassShareRefusedException(RefusalKind kind, string message)
        : base(kind, message)
    {
    }

    public ClassShareRefusedException()
        : base(RefusalKind.Forbidden, OnlyInstructors)
    {
    }

    public ClassShareRefusedException(string message)
        : base(RefusalKind.Forbidden, message)
    {
    }

    public ClassShareRefusedException(string message, Exception innerException)
        : base(RefusalKind.Forbidden, message, innerException)
    {
    }

    public static ClassShareRefusedException Forbidden(string message) => new(RefusalKind.Forbidden, message);

    public static ClassShareRefusedException Gone() => new(RefusalKind.NotFound, NotFound);

    public static ClassShareRefusedException Conflict(string message) => new(RefusalKind.Conflict, message);
}
