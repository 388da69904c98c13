namespace Grimoire.Llm.Tokens;

/// <summary>
/// Counts tokens before a call, offline. The figure is an estimate (o200k, which is not every model's tokenizer);
/// after a call the provider's usage is the truth.
/// </summary>
public interface ITokenCounter
{
    /// <summary>The name of the encoding used, for the "estimate" label.</summary>
    string EncodingName { get; }

    /// <summary>Estimated tokens in <paramref name="text"/>. Fast enough to call on every keystroke.</summary>
    int CountTokens(string? text);
}
