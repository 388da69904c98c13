using Grimoire.Core.Hosting;
using Grimoire.Llm;

namespace Grimoire.Web.Hosting.DemoOpenRouter;

/// <summary>
/// Whether this process answers for OpenRouter with its own stand-in (the demo setting with no real OpenRouter
/// configured), and how pages say so. Holds no secret: components inject it to label what they show.
/// </summary>
public sealed class SimulatedOpenRouter(bool isActive)
{
    /// <summary>The words every page uses for data that comes from the stand-in.</summary>
    public const string Label = "Simulated OpenRouter (local stand-in)";

    /// <summary>Turns the stand-in off in the demo setting (it is never on outside it).</summary>
    public const string Setting = "Grimoire:Demo:SimulatedOpenRouter";

    /// <summary>The address the OpenRouter client is given; <c>.invalid</c> never resolves, so only the route reaches it.</summary>
    public static readonly Uri BaseUrl = new("http://simulated-openrouter.invalid/");

    private const string BaseUrlSetting = "Grimoire:Providers:OpenRouter:BaseUrl";
    private const string ManagementKeySetting = "Grimoire:Providers:OpenRouter:ManagementKey";

    /// <summary>True when OpenRouter's catalogue, keys and chat come from the in-process stand-in.</summary>
    public bool IsActive { get; } = isActive;

    /// <summary>A provider's name as pages show it: the stand-in's label for OpenRouter while it is active.</summary>
    public string? NameFor(string providerKind) => IsActive && providerKind == ProviderKinds.OpenRouter ? Label : null;

    /// <summary>
    /// On only in the demo setting, only when neither an OpenRouter address nor a management key is configured, and
    /// only while <see cref="Setting"/> is not false: a configured OpenRouter (real or a proxy) always wins.
    /// </summary>
    public static bool ShouldServe(IHostEnvironment environment, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return HostingModes.IsDemo(environment)
            && configuration.GetValue(Setting, defaultValue: true)
            && string.IsNullOrWhiteSpace(configuration[BaseUrlSetting])
            && string.IsNullOrWhiteSpace(configuration[ManagementKeySetting]);
    }
}
