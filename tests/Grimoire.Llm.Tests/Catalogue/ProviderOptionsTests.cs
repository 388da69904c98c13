using Grimoire.Llm.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Grimoire.Llm.Tests.Catalogue;

public sealed class ProviderOptionsTests
{
    [Fact]
    public void Bad_settings_fail_with_the_names_of_the_settings()
    {
        using var providers = new TestProviders(null, new Dictionary<string, string?>
        {
            ["Grimoire:Providers:OpenRouter:BaseUrl"] = "/relative",
            ["Grimoire:Providers:Simulated:DelayMs"] = "-5",
            ["Grimoire:Providers:OpenAICompatible:OutputPricePerMillion"] = "-1",
        });

        var ex = Assert.Throws<OptionsValidationException>(() => providers.Services.GetRequiredService<IOptions<GrimoireProvidersOptions>>().Value);

        Assert.Contains(ex.Failures, f => f.Contains("Grimoire:Providers:OpenRouter:BaseUrl", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.Contains("Grimoire:Providers:Simulated:DelayMs", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.Contains("Grimoire:Providers:OpenAICompatible:InputPricePerMillion", StringComparison.Ordinal));
    }

    [Fact]
    public void Defaults_are_valid_and_bind_from_configuration()
    {
        using var providers = new TestProviders(null, new Dictionary<string, string?>
        {
            ["Grimoire:Providers:Anthropic:BaseUrl"] = "http://127.0.0.1:9/",
            ["Grimoire:Providers:Retry:MaxRetryAfter"] = "00:00:03",
        });

        var options = providers.Services.GetRequiredService<IOptions<GrimoireProvidersOptions>>().Value;

        Assert.Equal(new Uri("http://127.0.0.1:9/"), options.Anthropic.BaseUrl);
        Assert.Equal(TimeSpan.FromSeconds(3), options.Retry.MaxRetryAfter);
        Assert.Equal(new Uri("https://openrouter.ai"), options.OpenRouter.BaseUrl);
    }

    [Fact]
    public void Unknown_provider_kinds_are_refused()
    {
        using var providers = new TestProviders(null);

        Assert.Throws<ArgumentException>(() => providers.Registry.CreateClient(new ProviderEndpoint("gemini-direct"), "x"));
    }
}
