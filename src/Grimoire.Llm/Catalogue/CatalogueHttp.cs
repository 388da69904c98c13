using System.Text.Json;
using Grimoire.Llm.Wire;

namespace Grimoire.Llm.Catalogue;

/// <summary>GETs a provider's model list as JSON, mapping error statuses like every other call.</summary>
internal static class CatalogueHttp
{
    public static async Task<JsonDocument> GetJsonAsync(
        HttpClient http, Uri url, IEnumerable<OutgoingHeader> headers, string? secret, string providerKind, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        foreach (var header in headers)
        {
            request.Headers.TryAddWithoutValidation(header.Name, header.Value);
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ProviderException(FailureMap.Network(url.Host));
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                var message = await ErrorBody.ReadMessageAsync(response.Content, secret, cancellationToken);
                throw new ProviderException(FailureMap.FromStatus((int)response.StatusCode, message, null, providerKind));
            }

            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            return await JsonDocument.ParseAsync(stream, default, cancellationToken);
        }
    }

    public static Uri Combine(Uri baseUrl, string path) => new(baseUrl.ToString().TrimEnd('/') + "/" + path);

    public static string? String(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public static int? Int(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : null;

    public static IEnumerable<string> Strings(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
            ? v.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!)
            : [];
}
