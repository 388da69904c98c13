using Grimoire.Core.Refusals;

namespace Grimoire.Core.Keys;

/// <summary>Only a course's instructors and site admins may manage its keys. The message is safe to show.</summary>
public sealed class KeyAccessDeniedException : RefusalException
{
    public const string DefaultMessage = "Only the course's instructors and site admins can manage its API keys.";

    public KeyAccessDeniedException()
        : base(RefusalKind.Forbidden, DefaultMessage)
    {
    }

    public KeyAccessDeniedException(string message)
        : base(RefusalKind.Forbidden, message)
    {
    }

    public KeyAccessDeniedException(string message, Exception innerException)
        : base(RefusalKind.Forbidden, message, innerException)
    {
    }
}
