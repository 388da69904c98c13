namespace Grimoire.Core.Accounts;

/// <summary>Bound from <c>Grimoire:Accounts</c>: who may sign in through the identity provider, and who is site admin.</summary>
public sealed class AccountOptions
{
    public const string Section = "Grimoire:Accounts";

    /// <summary>
    /// People who become site admins when they sign in (bootstraps the first admin). Only a verified address counts,
    /// and only for the account that holds that address.
    /// </summary>
    public List<string> SiteAdminEmails { get; set; } = [];

    /// <summary>
    /// Refuse an identity-provider sign-in whose <c>email_verified</c> claim is missing. An explicit
    /// <c>email_verified: false</c> is refused either way. Turn off only for a provider that never sends the claim and
    /// whose users cannot choose their own address (e.g. a university's own directory).
    /// </summary>
    public bool RequireVerifiedEmail { get; set; } = true;

    /// <summary>
    /// When not empty, only addresses in these domains may sign in through the identity provider (exact match:
    /// list <c>uni.edu</c> and <c>student.uni.edu</c> separately).
    /// </summary>
    public List<string> AllowedEmailDomains { get; set; } = [];
}
