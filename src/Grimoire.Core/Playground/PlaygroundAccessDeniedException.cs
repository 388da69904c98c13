namespace Grimoire.Core.Playground;

/// <summary>The person may not do this to this conversation or course. The message is safe to show.</summary>
public sealed class PlaygroundAccessDeniedException(string message) : Exception(message)
{
    public PlaygroundAccessDeniedException()
        : this("You don't have access to this conversation.")
    {
    }

    public PlaygroundAccessDeniedException(string message, Exception innerException)
        : this(message) => _ = innerException;
}
