namespace Grimoire.Web.Security;

/// <summary>Bound from <c>Grimoire:Auth:Oidc</c>: the university's OpenID Connect provider.</summary>
public sealed class OidcOptions
{
    /// <summary>Issuer URL, e.g. https://login.example.edu/realms/uni.</summary>
    public string Authority { get; set; } = "";

    public string ClientId { get; set; } = "";

    /// <summary>Never logged or shown.</summary>
    public string ClientSecret { get; set; } = "";

    /// <summary>Name shown on the sign-in button.</summary>
    public string DisplayName { get; set; } = "University sign-in";

    /// <summary>The claim that carries the e-mail address.</summary>
    public string EmailClaim { get; set; } = "email";

    /// <summary>The claim that says the provider verified that address (see <c>Grimoire:Accounts:RequireVerifiedEmail</c>).</summary>
    public string EmailVerifiedClaim { get; set; } = "email_verified";
}
