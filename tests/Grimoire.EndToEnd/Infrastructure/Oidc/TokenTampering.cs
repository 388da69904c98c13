namespace Grimoire.EndToEnd.Infrastructure.Oidc;

/// <summary>An ID token a real provider would not send, made by re-signing its token with the provider's own key.</summary>
public enum TokenTampering
{
    None,

    /// <summary>Expired ten minutes ago (beyond the handler's five-minute clock skew).</summary>
    Expired,

    /// <summary>Issued, by its <c>iss</c>, by another provider.</summary>
    WrongIssuer,

    /// <summary>Carrying the nonce of the provider's first ID token (an earlier sign-in's) instead of this one's.</summary>
    StaleNonce,
}
