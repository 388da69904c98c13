namespace Grimoire.Llm.OpenRouter.Keys;

/// <summary>
/// A key just created: the plain <see cref="Key"/> (OpenRouter returns it only this once — encrypt it and let go of
/// it) and what OpenRouter says about it. <see cref="ToString"/> never prints the key.
/// </summary>
public sealed class NewOpenRouterKey(string key, OpenRouterKeyInfo info)
{
    /// <summary>The plain key (<c>sk-or-v1-…</c>). Never log it, show it or put it in an exception.</summary>
    public string Key { get; } = key ?? throw new ArgumentNullException(nameof(key));

    public OpenRouterKeyInfo Info { get; } = info ?? throw new ArgumentNullException(nameof(info));

    public override string ToString() => $"NewOpenRouterKey {{ Key = [redacted], Hash = {Info.Hash}, Name = {Info.Name} }}";
}
