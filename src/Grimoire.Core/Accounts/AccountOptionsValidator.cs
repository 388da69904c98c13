using Microsoft.Extensions.Options;

namespace Grimoire.Core.Accounts;

/// <summary>Fails start-up with the name of each bad <c>Grimoire:Accounts</c> setting.</summary>
internal sealed class AccountOptionsValidator : IValidateOptions<AccountOptions>
{
    public ValidateOptionsResult Validate(string? name, AccountOptions options)
    {
        var errors = new List<string>();
        for (var i = 0; i < options.SiteAdminEmails.Count; i++)
        {
            var email = UserDirectory.NormalizeEmail(options.SiteAdminEmails[i] ?? "");
            if (email.IndexOf('@', StringComparison.Ordinal) is < 1 || email.EndsWith('@'))
            {
                errors.Add($"{AccountOptions.Section}:SiteAdminEmails:{i} must be an e-mail address, not '{options.SiteAdminEmails[i]}'.");
            }
        }

        for (var i = 0; i < options.AllowedEmailDomains.Count; i++)
        {
            var domain = options.AllowedEmailDomains[i] ?? "";
            if (Uri.CheckHostName(domain.Trim()) != UriHostNameType.Dns || domain.Contains('@', StringComparison.Ordinal))
            {
                errors.Add($"{AccountOptions.Section}:AllowedEmailDomains:{i} must be a domain such as uni.edu, not '{domain}'.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
