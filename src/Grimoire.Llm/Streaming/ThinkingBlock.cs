namespace Grimoire.Llm.Streaming;

/// <summary>
/// One complete thinking block as the provider produced it: the text, its signature, or the opaque data of a
/// redacted/encrypted block. Persist it as JSON and send it back unchanged; adapters only send back blocks whose
/// <see cref="ProviderKind"/> matches (an Anthropic signature means nothing to another provider).
/// </summary>
public sealed record ThinkingBlock(ThinkingBlockKind Kind, string Text, string? Signature = null, string? RedactedData = null)
{
    /// <summary>The provider kind that produced the block (see <see cref="ProviderKinds"/>).</summary>
    public string? ProviderKind { get; init; }

    /// <summary>OpenRouter's <c>format</c> of a reasoning detail (e.g. <c>anthropic-claude-v1</c>).</summary>
    public string? Format { get; init; }

    /// <summary>OpenRouter's <c>id</c> of a reasoning detail, if it had one.</summary>
    public string? Id { get; init; }

    /// <summary>Position of the block among the turn's thinking blocks (OpenRouter's detail <c>index</c>).</summary>
    public int Index { get; init; }
}
