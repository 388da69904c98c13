namespace Grimoire.Core.Playground;

/// <summary>What happened to a message. Anything but <see cref="Complete"/> keeps whatever arrived, marked.</summary>
public enum MessageStatus
{
    Complete = 0,
    Streaming = 1,
    /// <summary>The student stopped it.</summary>
    Cancelled = 2,
    /// <summary>The provider reported an error; <see cref="PlaygroundMessage.ErrorText"/> says which.</summary>
    Failed = 3,
    /// <summary>The server stopped while the answer streamed; marked on the next start.</summary>
    Interrupted = 4,
}
