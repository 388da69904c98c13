namespace Grimoire.Llm.Streaming;

/// <summary>What a thinking block holds.</summary>
public enum ThinkingBlockKind
{
    /// <summary>Readable thinking text, possibly signed.</summary>
    Text,

    /// <summary>A summary of hidden thinking (OpenRouter <c>reasoning.summary</c>).</summary>
    Summary,

    /// <summary>Thinking the provider encrypted or redacted; only <see cref="ThinkingBlock.RedactedData"/> is kept.</summary>
    Redacted,
}
