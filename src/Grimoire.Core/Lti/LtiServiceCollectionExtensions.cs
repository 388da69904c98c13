using Microsoft.Extensions.DependencyInjection;

namespace Grimoire.Core.Lti;

public static class LtiServiceCollectionExtensions
{
    /// <summary>The LTI 1.3 tool (X9): platform registry, login states, keys, launch validation and sign-in.</summary>
    public static IServiceCollection AddGrimoireLti(this IServiceCollection services)
    {
        services.AddHttpClient(LtiPlatformKeys.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(15));
        services.AddSingleton<LtiMetrics>();
        services.AddSingleton<LtiPlatforms>();
        services.AddSingleton<LtiLoginStates>();
        services.AddSingleton<LtiToolKeys>();
        services.AddSingleton<LtiPlatformKeys>();
        services.AddSingleton<LtiLaunchValidator>();
        services.AddSingleton<LtiLaunches>();
        services.AddSingleton<LtiContextLinks>();
        services.AddSingleton<LtiMemberships>();
        services.AddSingleton<LtiRosterSync>();
        return services;
    }
}
