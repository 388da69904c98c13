using Grimoire.Llm.Anthropic;
using Grimoire.Llm.Catalogue;
using Grimoire.Llm.ChatCompletions;
using Grimoire.Llm.OpenAICompatible;
using Grimoire.Llm.OpenRouter;
using Grimoire.Llm.Pipeline;
using Grimoire.Llm.Simulated;
using Grimoire.Llm.Tokens;
using Grimoire.Llm.Wire;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grimoire.Llm;

/// <summary>
/// Builds the right internal chat client — the adapter inside the provider pipeline (<see cref="ProviderPipeline"/>) —
/// or catalogue for a provider kind.
/// </summary>
internal sealed class ChatProviderRegistry(
    IHttpClientFactory httpClients,
    IOptions<GrimoireProvidersOptions> options,
    ITokenCounter tokens,
    CachedModelCatalogue catalogue,
    TimeProvider time,
    ProviderMetrics metrics,
    ILoggerFactory loggers) : IChatProviderRegistry
{
    public const string HttpClientName = "Grimoire.Llm";

    private GrimoireProvidersOptions Options => options.Value;

    public IChatClient CreateClient(ProviderEndpoint endpoint, string modelId)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        var settings = new HttpCallSettings(Options.Retry, Options.HeadersTimeout, time);
        var logger = loggers.CreateLogger("Grimoire.Llm." + endpoint.Kind);
        IChatClient adapter = endpoint.Kind switch
        {
            ProviderKinds.OpenRouter => new ChatCompletionsChatClient(
                Http(), OpenRouterProfile(endpoint), RequireKey(endpoint), modelId, settings, logger),
            ProviderKinds.Anthropic => new AnthropicChatClient(
                Http(), Options.Anthropic, endpoint.BaseUrl ?? Options.Anthropic.BaseUrl, RequireKey(endpoint), modelId, settings, logger),
            ProviderKinds.OpenAICompatible => new ChatCompletionsChatClient(
                Http(), CompatibleProfile(endpoint), endpoint.ApiKey ?? Options.OpenAICompatible.ApiKey, modelId, settings, logger),
            ProviderKinds.Simulated => new SimulatedChatClient(Options.Simulated, tokens, modelId, time),
            _ => throw new ArgumentException($"Unknown provider kind '{endpoint.Kind}'. Known: {string.Join(", ", ProviderKinds.All)}.", nameof(endpoint)),
        };
        return ProviderPipeline.Build(adapter, endpoint.Kind, modelId, time, metrics, loggers);
    }

    public async Task<CatalogueSnapshot> GetModelsAsync(ProviderEndpoint endpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        IModelCatalogueSource source = endpoint.Kind switch
        {
            ProviderKinds.Simulated => new SimulatedModelCatalogue(),
            ProviderKinds.OpenRouter => new OpenRouterModelCatalogue(Http(), Options.OpenRouter),
            ProviderKinds.Anthropic => new AnthropicModelCatalogue(Http(), Options.Anthropic),
            ProviderKinds.OpenAICompatible => new OpenAICompatibleModelCatalogue(Http(), Options.OpenAICompatible),
            _ => throw new ArgumentException($"Unknown provider kind '{endpoint.Kind}'.", nameof(endpoint)),
        };
        return endpoint.Kind == ProviderKinds.Simulated
            ? new CatalogueSnapshot(ProviderKinds.Simulated, SimulatedModels.All, time.GetUtcNow())
            : await catalogue.GetAsync(source, endpoint, cancellationToken);
    }

    private HttpClient Http() => httpClients.CreateClient(HttpClientName);

    private static string RequireKey(ProviderEndpoint endpoint) =>
        string.IsNullOrEmpty(endpoint.ApiKey) ? throw new ProviderException(FailureMap.MissingKey(endpoint.Kind)) : endpoint.ApiKey;

    private ChatCompletionsProfile OpenRouterProfile(ProviderEndpoint endpoint)
    {
        var o = Options.OpenRouter;
        var headers = new List<OutgoingHeader>(2);
        if (o.SiteUrl is not null)
        {
            headers.Add(new OutgoingHeader("HTTP-Referer", o.SiteUrl.ToString()));
        }

        if (!string.IsNullOrWhiteSpace(o.AppName))
        {
            headers.Add(new OutgoingHeader("X-Title", o.AppName));
        }

        var url = CatalogueHttp.Combine(endpoint.BaseUrl ?? o.BaseUrl, "api/v1/chat/completions");
        return new ChatCompletionsProfile(ProviderKinds.OpenRouter, "openrouter", url, IsOpenRouter: true, null, headers);
    }

    private ChatCompletionsProfile CompatibleProfile(ProviderEndpoint endpoint)
    {
        var o = Options.OpenAICompatible;
        var baseUrl = endpoint.BaseUrl ?? o.BaseUrl
            ?? throw new ArgumentException("No address for the OpenAI-compatible provider: set Grimoire:Providers:OpenAICompatible:BaseUrl.", nameof(endpoint));
        var pricing = o.InputPricePerMillion > 0 || o.OutputPricePerMillion > 0
            ? new ModelPricing(o.InputPricePerMillion, o.OutputPricePerMillion)
            : null;
        var url = CatalogueHttp.Combine(baseUrl, "v1/chat/completions");
        return new ChatCompletionsProfile(ProviderKinds.OpenAICompatible, "openai-compatible", url, IsOpenRouter: false, pricing, []);
    }
}
