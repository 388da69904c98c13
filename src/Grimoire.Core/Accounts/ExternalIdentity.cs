namespace Grimoire.Core.Accounts;

/// <summary>What a sign-in provider vouched for in a validated ID token (and its userinfo answer).</summary>
/// <param name="Issuer">The token's <c>iss</c>.</param>
/// <param name="Subject">The token's <c>sub</c>: the provider's stable id for the person.</param>
/// <param name="Email">The e-mail claim, if any.</param>
/// <param name="EmailVerified">The <c>email_verified</c> claim; null when the provider sent none.</param>
/// <param name="DisplayName">The <c>name</c> claim, used only for a new account.</param>
/// <param name="FirstName">The <c>given_name</c> claim, used only for a new account.</param>
public sealed record ExternalIdentity(
    string Issuer, string Subject, string? Email, bool? EmailVerified, string? DisplayName = null, string? FirstName = null);

/// <summary>Why an identity-provider sign-in was refused; the sign-in page turns each into a sentence.</summary>
public enum ExternalSignInRefusal
{
    /// <summary>No issuer or subject, or one too long to be real.</summary>
    NoIdentity,

    NoEmail,

    EmailNotVerified,

    DomainNotAllowed,

    /// <summary>The address belongs to an account already bound to another identity at this provider.</summary>
    AccountBoundToAnotherIdentity,
}

/// <summary>The signed-in user, or why there is none.</summary>
public sealed record ExternalSignIn(User? User, ExternalSignInRefusal? Refusal)
{
    public static ExternalSignIn Refused(ExternalSignInRefusal refusal) => new(null, refusal);
}
