using System.Text;

namespace Grimoire.Llm.Tests.Infrastructure;

/// <summary>
/// What the fake server sends for one request: status, headers and body, plus how the bytes go onto the TCP
/// connection (in pieces, split inside a character, cut off, or held open until the client leaves).
/// </summary>
internal sealed record ScriptedResponse(int Status, string ContentType, byte[] Body)
{
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Write the body in pieces of this many bytes, flushing each (so the client reads them separately).</summary>
    public int? PieceSize { get; init; }

    /// <summary>Byte offsets where a write ends, is flushed, and the server pauses before the next one.</summary>
    public IReadOnlyList<int> PauseAt { get; init; } = [];

    /// <summary>Abort the connection after this many bytes.</summary>
    public int? CutAt { get; init; }

    /// <summary>After this many bytes, stop writing and wait until the client closes the connection.</summary>
    public int? HoldAt { get; init; }

    public static ScriptedResponse Sse(string fixture, string? generationId = null) =>
        new(200, "text/event-stream", Fixtures.Bytes(fixture))
        {
            Headers = generationId is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["X-Generation-Id"] = generationId },
        };

    public static ScriptedResponse Json(int status, string fixture, params (string Name, string Value)[] headers) =>
        new(status, "application/json", Fixtures.Bytes(fixture))
        {
            Headers = headers.ToDictionary(h => h.Name, h => h.Value),
        };

    public static ScriptedResponse JsonText(int status, string json) => new(status, "application/json", Encoding.UTF8.GetBytes(json));

    /// <summary>The offset just inside the first occurrence of <paramref name="text"/>'s UTF-8 bytes (after its first byte).</summary>
    public int Inside(string text) => IndexOf(text) + 1;

    /// <summary>The offset just after the first occurrence of <paramref name="text"/>.</summary>
    public int After(string text) => IndexOf(text) + Encoding.UTF8.GetByteCount(text);

    private int IndexOf(string text)
    {
        var index = Body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text));
        return index >= 0 ? index : throw new ArgumentException($"'{text}' is not in the fixture.", nameof(text));
    }
}
