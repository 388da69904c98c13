using System.Text.Json;
using Grimoire.Llm.Catalogue;
using Grimoire.Llm.Wire;

namespace Grimoire.Llm.OpenAICompatible;

/// <summary><c>GET {base}/v1/models</c> of a local server; it lists ids only, so the rest comes from configuration.</summary>
internal sealed class OpenAICompatibleModelCatalogue(HttpClient http, OpenAICompatibleOptions options) : IModelCatalogueSource
{
    public string ProviderKind => ProviderKinds.OpenAICompatible;

    public async Task<IReadOnlyList<ModelInfo>> FetchAsync(ProviderEndpoint endpoint, CancellationToken cancellationToken)
    {
        var baseUrl = endpoint.BaseUrl ?? options.BaseUrl
            ?? throw new ProviderException(FailureMap.Network("(no address: set Grimoire:Providers:OpenAICompatible:BaseUrl)"));
        var key = endpoint.ApiKey ?? options.ApiKey;
        OutgoingHeader[] headers = string.IsNullOrEmpty(key) ? [] : [new("Authorization", "Bearer " + key, IsSecret: true)];
        using var doc = await CatalogueHttp.GetJsonAsync(http, CatalogueHttp.Combine(baseUrl, "v1/models"), headers, key, ProviderKind, cancellationToken);
        if (!doc.RootElement.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException("The model list has no data array.");
        }

        var pricing = new ModelPricing(options.InputPricePerMillion, options.OutputPricePerMillion);
        return
        [
            .. data.EnumerateArray()
                .Where(m => CatalogueHttp.String(m, "id") is not null)
                .Select(m => new ModelInfo(
                    ProviderKind,
                    CatalogueHttp.String(m, "id")!,
                    CatalogueHttp.String(m, "id")!,
                    CatalogueHttp.Int(m, "max_model_len") ?? options.ContextLength,
                    null,
                    pricing,
                    ModelCapabilities.TextOnly)),
        ];
    }
}
