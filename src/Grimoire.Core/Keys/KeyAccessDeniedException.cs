namespace Grimoire.Core.Keys;

/// <summary>Only a course's instructors and site admins may manage its keys. The message is safe to show.</summary>
public sealed class KeyAccessDeniedException : Exception
{
    public const string DefaultMessage = "Only the course's instructors and site admins can manage its API keys.";

    public KeyAccessDeniedException()
        : base(DefaultMessage)
    {
    }

    public KeyAccessDeniedException(string message)
        : base(message)
    {
    }

    public KeyAccessDeniedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
