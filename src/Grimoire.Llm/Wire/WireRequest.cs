using System.Text;

namespace Grimoire.Llm.Wire;

/// <summary>
/// The request exactly as put on the wire: method, URL, headers (credentials redacted) and the body bytes the
/// adapter serialized once and sent. Never a re-serialization after the fact.
/// </summary>
public sealed record WireRequest(string Method, Uri Url, IReadOnlyList<WireHeader> Headers, ReadOnlyMemory<byte> Body)
{
    /// <summary>What replaces a credential in <see cref="Headers"/>.</summary>
    public const string RedactedValue = "[redacted]";

    /// <summary>The body as UTF-8 text (it is JSON for every provider).</summary>
    public string BodyText => Encoding.UTF8.GetString(Body.Span);

    public string? Header(string name) =>
        Headers.FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase))?.Value;
}
