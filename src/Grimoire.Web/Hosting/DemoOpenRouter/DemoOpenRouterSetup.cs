using Grimoire.Llm;

namespace Grimoire.Web.Hosting.DemoOpenRouter;

/// <summary>
/// The one-command demo (issue 17 item 12): in the demo setting, with no OpenRouter configured, the OpenRouter stand-in
/// runs inside the web process and the server's OpenRouter client (catalogue, key management, chat) is routed to it.
/// </summary>
internal static class DemoOpenRouterSetup
{
    public static WebApplicationBuilder AddSimulatedOpenRouter(this WebApplicationBuilder builder)
    {
        var active = SimulatedOpenRouter.ShouldServe(builder.Environment, builder.Configuration);
        builder.Services.AddSingleton(new SimulatedOpenRouter(active));
        if (!active)
        {
            return builder;
        }

        builder.Services.AddSingleton<InProcessStandIn>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<InProcessStandIn>());
        builder.Services.AddOptions<GrimoireProvidersOptions>().PostConfigure<InProcessStandIn>((options, standIn) =>
        {
            options.OpenRouter.BaseUrl = SimulatedOpenRouter.BaseUrl;
            options.OpenRouter.ManagementKey = standIn.ManagementKey;
        });
        builder.Services.AddHttpClient(GrimoireLlmServiceCollectionExtensions.HttpClientName)
            .AddHttpMessageHandler(sp => new StandInRoute(sp.GetRequiredService<InProcessStandIn>()));
        return builder;
    }
}
