using System.CommandLine;
using Grimoire.Llm;
using Microsoft.Extensions.DependencyInjection;

namespace Grimoire.Cli.Commands.Llm;

/// <summary>The options <c>grimoire models</c> and <c>grimoire chat</c> share: which provider, which key, which address.</summary>
internal static class LlmCommandOptions
{
    public static Option<string> Provider() => new Option<string>("--provider", "-p")
    {
        Description = "Provider kind: " + string.Join(", ", ProviderKinds.All),
        DefaultValueFactory = _ => ProviderKinds.Simulated,
    }.AcceptOnlyFromAmong([.. ProviderKinds.All]);

    public static Option<string?> ApiKey() => new("--api-key")
    {
        Description = "API key. Default: GRIMOIRE_API_KEY, then OPENROUTER_API_KEY / ANTHROPIC_API_KEY / OPENAI_API_KEY. Never printed.",
    };

    public static Option<Uri?> BaseUrl() => new("--base-url")
    {
        Description = "Provider address, overriding Grimoire:Providers:<Provider>:BaseUrl (e.g. a local fake server).",
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
            if (Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps))
            {
                return url;
            }

            result.AddError($"--base-url must be an absolute http(s) URL; '{text}' is not.");
            return null;
        },
    };

    public const string NotRegistered =
        "grimoire: the provider layer is not registered; add services.AddGrimoireLlm(configuration) to CliHost.Build.";

    /// <summary>The provider registry from the CLI host, or null when the host does not register the provider layer.</summary>
    public static IChatProviderRegistry? Registry(IServiceProvider services) => services.GetService<IChatProviderRegistry>();

    /// <summary>The endpoint from the options, with the key from the environment when not given.</summary>
    public static ProviderEndpoint Endpoint(string kind, string? apiKey, Uri? baseUrl)
    {
        var key = apiKey
            ?? Environment.GetEnvironmentVariable("GRIMOIRE_API_KEY")
            ?? Environment.GetEnvironmentVariable(kind switch
            {
                ProviderKinds.OpenRouter => "OPENROUTER_API_KEY",
                ProviderKinds.Anthropic => "ANTHROPIC_API_KEY",
                ProviderKinds.OpenAICompatible => "OPENAI_API_KEY",
                _ => "GRIMOIRE_SIMULATED_API_KEY",
            });
        return new ProviderEndpoint(kind, string.IsNullOrEmpty(key) ? null : key, baseUrl);
    }
}
