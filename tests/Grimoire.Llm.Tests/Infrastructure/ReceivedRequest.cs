namespace Grimoire.Llm.Tests.Infrastructure;

/// <summary>A request as the fake server received it off the wire.</summary>
internal sealed record ReceivedRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string? Header(string name) =>
        Headers.TryGetValue(name, out var value) ? value : null;
}
