namespace Grimoire.Core.Accounts;

/// <summary>Bound from <c>Grimoire:Accounts</c>.</summary>
public sealed class AccountOptions
{
    public const string Section = "Grimoire:Accounts";

    /// <summary>People who become site admins when they sign in (bootstraps the first admin).</summary>
    public List<string> SiteAdminEmails { get; set; } = [];
}
