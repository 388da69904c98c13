using Grimoire.Core.Hosting;
using Microsoft.Extensions.Options;

namespace Grimoire.Web.Security;

/// <summary>Makes the development sign-in impossible outside the demo setting, and refuses a host with no way in.</summary>
internal sealed class AuthOptionsValidator(IHostEnvironment environment) : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        if (options.DevSignIn && !HostingModes.IsDemo(environment))
        {
            return ValidateOptionsResult.Fail(
                $"{AuthOptions.Section}:DevSignIn is only allowed in the Development or {HostingModes.DemoEnvironment} environment, not in '{environment.EnvironmentName}'.");
        }

        if (!options.DevSignIn && !options.OidcEnabled)
        {
            return ValidateOptionsResult.Fail(
                $"No sign-in method: set {AuthOptions.Section}:Oidc:Authority, :ClientId and :ClientSecret (or run in the Development/Demo environment with {AuthOptions.Section}:DevSignIn=true).");
        }

        if (options.OidcEnabled)
        {
            if (!Uri.TryCreate(options.Oidc.Authority, UriKind.Absolute, out var authority)
                || (authority.Scheme != Uri.UriSchemeHttps && !HostingModes.IsDemo(environment)))
            {
                return ValidateOptionsResult.Fail($"{AuthOptions.Section}:Oidc:Authority must be an absolute https URL.");
            }

            if (string.IsNullOrWhiteSpace(options.Oidc.ClientId))
            {
                return ValidateOptionsResult.Fail($"{AuthOptions.Section}:Oidc:ClientId is required when {AuthOptions.Section}:Oidc:Authority is set.");
            }
        }

        return ValidateOptionsResult.Success;
    }
}
