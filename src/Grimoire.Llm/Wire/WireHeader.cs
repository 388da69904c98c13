namespace Grimoire.Llm.Wire;

/// <summary>One request header as sent; credential headers carry <see cref="WireRequest.RedactedValue"/>.</summary>
public sealed record WireHeader(string Name, string Value);
