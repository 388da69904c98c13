using System.Text.Json;
using Grimoire.Llm.Catalogue;
using Grimoire.Llm.Wire;

namespace Grimoire.Llm.Anthropic;

/// <summary>Anthropic's <c>GET /v1/models</c> (needs a key), completed with <see cref="AnthropicModelFacts"/>.</summary>
internal sealed class AnthropicModelCatalogue(HttpClient http, AnthropicOptions options) : IModelCatalogueSource
{
    public string ProviderKind => ProviderKinds.Anthropic;

    public async Task<IReadOnlyList<ModelInfo>> FetchAsync(ProviderEndpoint endpoint, CancellationToken cancellationToken)
    {
        var key = endpoint.ApiKey ?? throw new ProviderException(FailureMap.MissingKey(ProviderKind));
        var url = CatalogueHttp.Combine(endpoint.BaseUrl ?? options.BaseUrl, "v1/models?limit=1000");
        OutgoingHeader[] headers = [new("x-api-key", key, IsSecret: true), new("anthropic-version", options.Version)];
        using var doc = await CatalogueHttp.GetJsonAsync(http, url, headers, key, ProviderKind, cancellationToken);
        if (!doc.RootElement.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException("The model list has no data array.");
        }

        return
        [
            .. data.EnumerateArray()
                .Select(m => (Id: CatalogueHttp.String(m, "id"), Model: m))
                .Where(x => x.Id is not null)
                .Select(x => AnthropicModelFacts.Describe(
                    x.Id!,
                    CatalogueHttp.String(x.Model, "display_name"),
                    CatalogueHttp.Int(x.Model, "max_input_tokens"),
                    CatalogueHttp.Int(x.Model, "max_tokens"))),
        ];
    }
}
