using Grimoire.Core.Refusals;

namespace Grimoire.Core.Playground;

/// <summary>A limit or a rate refused the request (issue 17 items 7, 8). The message is a sentence to show the student.</summary>
public sealed class PlaygroundLimitException : RefusalException
{
    public PlaygroundLimitException()
        : this("That goes beyond what your course allows.")
    {
    }

    public PlaygroundLimitException(string message)
        : base(RefusalKind.Limit, message)
    {
    }

    public PlaygroundLimitException(string message, Exception innerException)
        : base(RefusalKind.Limit, message, innerException)
    {
    }
}
