using System.Globalization;
using System.Text.Json;
using Grimoire.Llm.Catalogue;

namespace Grimoire.Llm.OpenRouter;

/// <summary>OpenRouter's public <c>GET /api/v1/models</c>, mapped to <see cref="ModelInfo"/>.</summary>
internal sealed class OpenRouterModelCatalogue(HttpClient http, OpenRouterOptions options) : IModelCatalogueSource
{
    public string ProviderKind => ProviderKinds.OpenRouter;

    public async Task<IReadOnlyList<ModelInfo>> FetchAsync(ProviderEndpoint endpoint, CancellationToken cancellationToken)
    {
        var url = CatalogueHttp.Combine(endpoint.BaseUrl ?? options.BaseUrl, "api/v1/models");
        using var doc = await CatalogueHttp.GetJsonAsync(http, url, [], null, ProviderKind, cancellationToken);
        if (!doc.RootElement.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException("The model list has no data array.");
        }

        return [.. data.EnumerateArray().Select(Map).OfType<ModelInfo>()];
    }

    internal static ModelInfo? Map(JsonElement m)
    {
        var id = CatalogueHttp.String(m, "id");
        if (id is null)
        {
            return null;
        }

        var parameters = CatalogueHttp.Strings(m, "supported_parameters").ToHashSet(StringComparer.Ordinal);
        var inputs = m.TryGetProperty("architecture", out var arch)
            ? CatalogueHttp.Strings(arch, "input_modalities").ToHashSet(StringComparer.Ordinal)
            : [];
        var top = m.TryGetProperty("top_provider", out var tp) ? tp : default;
        var thinking = parameters.Contains("reasoning");
        var anthropic = id.StartsWith("anthropic/", StringComparison.Ordinal);
        var budget = anthropic || id.StartsWith("google/", StringComparison.Ordinal);

        var capabilities = new ModelCapabilities(
            thinking,
            !thinking ? ThinkingControl.None : budget ? ThinkingControl.Budget : ThinkingControl.Effort,
            inputs.Contains("image"),
            inputs.Contains("file"),
            !anthropic && parameters.Contains("temperature"));

        var pricing = m.TryGetProperty("pricing", out var p)
            ? new ModelPricing(PerMillion(p, "prompt") ?? 0m, PerMillion(p, "completion") ?? 0m, PerMillion(p, "input_cache_read"))
            : ModelPricing.Free;

        return new ModelInfo(
            ProviderKinds.OpenRouter,
            id,
            CatalogueHttp.String(m, "name") ?? id,
            CatalogueHttp.Int(m, "context_length") ?? CatalogueHttp.Int(top, "context_length") ?? 0,
            CatalogueHttp.Int(top, "max_completion_tokens"),
            pricing,
            capabilities)
        {
            Description = CatalogueHttp.String(m, "description"),
        };
    }

    /// <summary>OpenRouter prices are USD per token, as strings; the catalogue keeps USD per million.</summary>
    private static decimal? PerMillion(JsonElement pricing, string name) =>
        CatalogueHttp.String(pricing, name) is { } s && decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var perToken)
            ? perToken * 1_000_000m
            : null;
}
