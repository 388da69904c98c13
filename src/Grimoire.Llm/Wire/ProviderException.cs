namespace Grimoire.Llm.Wire;

/// <summary>
/// Thrown by Grimoire chat clients for a failed call. <see cref="Exception.Message"/> is the user message; it never
/// contains a credential. <see cref="Streaming.ChatEventStream"/> turns it into a <see cref="Streaming.Failed"/> event.
/// </summary>
public sealed class ProviderException : Exception
{
    public ProviderException()
        : this(FailureMap.Unexpected())
    {
    }

    public ProviderException(string message)
        : this(FailureMap.Unexpected() with { UserMessage = message })
    {
    }

    public ProviderException(string message, Exception innerException)
        : base(message, innerException)
    {
        Failure = FailureMap.Unexpected() with { UserMessage = message };
    }

    public ProviderException(ProviderFailure failure)
        : base(failure?.UserMessage)
    {
        Failure = failure ?? throw new ArgumentNullException(nameof(failure));
    }

    public ProviderFailure Failure { get; }
}
