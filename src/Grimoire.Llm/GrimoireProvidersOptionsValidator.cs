using Microsoft.Extensions.Options;

namespace Grimoire.Llm;

/// <summary>Fails start-up with the name of each bad <c>Grimoire:Providers</c> setting.</summary>
internal sealed class GrimoireProvidersOptionsValidator : IValidateOptions<GrimoireProvidersOptions>
{
    private const string Prefix = GrimoireProvidersOptions.SectionName + ":";

    public ValidateOptionsResult Validate(string? name, GrimoireProvidersOptions options)
    {
        var errors = new List<string>();
        RequireHttpUrl(errors, "OpenRouter:BaseUrl", options.OpenRouter.BaseUrl, required: true);
        RequireHttpUrl(errors, "OpenRouter:SiteUrl", options.OpenRouter.SiteUrl, required: false);
        RequireHttpUrl(errors, "Anthropic:BaseUrl", options.Anthropic.BaseUrl, required: true);
        RequireHttpUrl(errors, "OpenAICompatible:BaseUrl", options.OpenAICompatible.BaseUrl, required: false);
        if (string.IsNullOrWhiteSpace(options.Anthropic.Version))
        {
            errors.Add($"{Prefix}Anthropic:Version must be set (e.g. 2023-06-01).");
        }

        if (options.Anthropic.DefaultMaxTokens < 1)
        {
            errors.Add($"{Prefix}Anthropic:DefaultMaxTokens must be at least 1.");
        }

        if (options.OpenAICompatible.InputPricePerMillion < 0 || options.OpenAICompatible.OutputPricePerMillion < 0)
        {
            errors.Add($"{Prefix}OpenAICompatible:InputPricePerMillion and OutputPricePerMillion must not be negative.");
        }

        if (options.OpenAICompatible.ContextLength < 1)
        {
            errors.Add($"{Prefix}OpenAICompatible:ContextLength must be at least 1.");
        }

        if (options.Simulated.DelayMs is < 0 or > 10_000)
        {
            errors.Add($"{Prefix}Simulated:DelayMs must be between 0 and 10000.");
        }

        if (options.Retry.MaxRetryAfter < TimeSpan.Zero || options.Retry.MaxRetryAfter > TimeSpan.FromMinutes(1))
        {
            errors.Add($"{Prefix}Retry:MaxRetryAfter must be between 00:00:00 and 00:01:00.");
        }

        if (options.Retry.DefaultDelay < TimeSpan.Zero || options.Retry.DefaultDelay > options.Retry.MaxRetryAfter)
        {
            errors.Add($"{Prefix}Retry:DefaultDelay must be between 00:00:00 and Retry:MaxRetryAfter.");
        }

        if (options.CatalogueLifetime <= TimeSpan.Zero)
        {
            errors.Add($"{Prefix}CatalogueLifetime must be positive (e.g. 01:00:00).");
        }

        if (options.HeadersTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{Prefix}HeadersTimeout must be positive (e.g. 00:02:00).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void RequireHttpUrl(List<string> errors, string setting, Uri? value, bool required)
    {
        if (value is null)
        {
            if (required)
            {
                errors.Add($"{Prefix}{setting} must be set to an absolute http(s) URL.");
            }

            return;
        }

        if (!value.IsAbsoluteUri || (value.Scheme != Uri.UriSchemeHttp && value.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add($"{Prefix}{setting} must be an absolute http(s) URL; it is '{value}'.");
        }
    }
}
