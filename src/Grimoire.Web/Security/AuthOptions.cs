namespace Grimoire.Web.Security;

/// <summary>Bound from <c>Grimoire:Auth</c>.</summary>
public sealed class AuthOptions
{
    public const string Section = "Grimoire:Auth";

    /// <summary>
    /// The development sign-in page (pick a user, no password). Start-up refuses it outside the Development or
    /// Demo environment.
    /// </summary>
    public bool DevSignIn { get; set; }

    public OidcOptions Oidc { get; set; } = new();

    /// <summary>True when an OpenID Connect provider is configured.</summary>
    public bool OidcEnabled => !string.IsNullOrWhiteSpace(Oidc.Authority);
}
