using Grimoire.Llm.Catalogue;
using Grimoire.Llm.Tokens;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grimoire.Llm;

/// <summary>Registers the provider layer.</summary>
public static class GrimoireLlmServiceCollectionExtensions
{
    /// <summary>
    /// The named <see cref="HttpClient"/> every provider call, catalogue fetch and key-management call goes through, so a
    /// host can add a handler to it (the demo's in-process OpenRouter stand-in routes requests this way).
    /// </summary>
    public const string HttpClientName = ChatProviderRegistry.HttpClientName;

    /// <summary>
    /// The activity source and meter of the pipeline's <c>UseOpenTelemetry()</c> (<c>gen_ai.*</c> spans and metrics,
    /// without message content). Our own provider metrics are on the <c>Grimoire</c> meter (<see cref="Pipeline.ProviderMetrics"/>).
    /// </summary>
    public const string TelemetrySourceName = Pipeline.ProviderPipeline.SourceName;

    /// <summary>
    /// Adds <see cref="IChatProviderRegistry"/>, <see cref="ITokenCounter"/> and the HTTP client they use, with
    /// <see cref="GrimoireProvidersOptions"/> bound from <c>Grimoire:Providers</c> and validated at start-up.
    /// </summary>
    public static IServiceCollection AddGrimoireLlm(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<GrimoireProvidersOptions>()
            .Bind(configuration.GetSection(GrimoireProvidersOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GrimoireProvidersOptions>, GrimoireProvidersOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ITokenCounter, O200kTokenCounter>();
        services.TryAddSingleton(sp => new CachedModelCatalogue(
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<GrimoireProvidersOptions>>().Value.CatalogueLifetime,
            sp.GetRequiredService<ILogger<CachedModelCatalogue>>()));
        services.AddMetrics();
        services.TryAddSingleton<Pipeline.ProviderMetrics>();
        services.TryAddSingleton<IChatProviderRegistry, ChatProviderRegistry>();
        services.TryAddSingleton<OpenRouter.Keys.IOpenRouterKeyClient, OpenRouter.Keys.OpenRouterKeyClient>();

        services.AddHttpClient(ChatProviderRegistry.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                // A cancelled stream closes its connection at once instead of draining it for reuse.
                MaxResponseDrainSize = 0,
            })
            .RedactLoggedHeaders(_ => true);
        return services;
    }
}
