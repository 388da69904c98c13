namespace Grimoire.Llm.Streaming;

/// <summary>Why a stream finished.</summary>
public enum FinishReason
{
    /// <summary>The model finished its answer.</summary>
    Stop,

    /// <summary>The answer hit the max tokens limit.</summary>
    Length,

    /// <summary>The provider's content filter stopped the answer.</summary>
    Filtered,

    /// <summary>The user cancelled; what arrived is kept.</summary>
    Cancelled,
}
