namespace Grimoire.Llm.Streaming;

/// <summary>Where a turn stands; the message row's status follows it.</summary>
public enum ChatTurnStatus
{
    Streaming,
    Complete,
    Truncated,
    Filtered,
    Cancelled,
    Failed,
}
