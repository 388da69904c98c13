using System.Globalization;
using System.Net.Http.Headers;

namespace Grimoire.Llm.Wire;

/// <summary>
/// A request serialized once: the same body bytes go on the wire and into the <see cref="WireRequest"/>.
/// Secret headers are sent as they are and recorded as <see cref="WireRequest.RedactedValue"/>.
/// </summary>
internal sealed class OutgoingRequest
{
    private readonly byte[] body;
    private readonly IReadOnlyList<OutgoingHeader> headers;

    public OutgoingRequest(Uri url, byte[] body, IReadOnlyList<OutgoingHeader> headers)
    {
        Url = url;
        this.body = body;
        this.headers = headers;
        Wire = new WireRequest("POST", url, BuildWireHeaders(headers, body.Length), body);
    }

    public Uri Url { get; }

    public WireRequest Wire { get; }

    public HttpRequestMessage CreateMessage()
    {
        var message = new HttpRequestMessage(HttpMethod.Post, Url)
        {
            Content = new ByteArrayContent(this.body),
        };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        foreach (var header in this.headers)
        {
            message.Headers.TryAddWithoutValidation(header.Name, header.Value);
        }

        return message;
    }

    private static List<WireHeader> BuildWireHeaders(IReadOnlyList<OutgoingHeader> headers, int length)
    {
        var list = new List<WireHeader>(headers.Count + 2);
        list.AddRange(headers.Select(h => new WireHeader(h.Name, h.IsSecret ? WireRequest.RedactedValue : h.Value)));
        list.Add(new WireHeader("Content-Type", "application/json"));
        list.Add(new WireHeader("Content-Length", length.ToString(CultureInfo.InvariantCulture)));
        return list;
    }
}

/// <summary>A header to send; <see cref="IsSecret"/> ones never leave this process except on the wire itself.</summary>
internal sealed record OutgoingHeader(string Name, string Value, bool IsSecret = false)
{
    public override string ToString() => IsSecret ? $"{Name}: {WireRequest.RedactedValue}" : $"{Name}: {Value}";
}
