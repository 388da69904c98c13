namespace Grimoire.Core.Accounts;

/// <summary>
/// A person's identity at a sign-in provider, (issuer, subject), bound to a <see cref="User"/> on its first sign-in
/// (X9). Afterwards this binding, never the e-mail claim, says who is signing in.
/// </summary>
public sealed class ExternalLogin
{
    /// <summary>OpenID Connect caps <c>sub</c> at 255 ASCII characters.</summary>
    public const int MaxSubjectLength = 255;

    public const int MaxIssuerLength = 512;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid UserId { get; set; }

    public User? User { get; set; }

    /// <summary>The provider's issuer URL exactly as the validated ID token's <c>iss</c> claim carries it.</summary>
    public required string Issuer { get; set; }

    /// <summary>The provider's stable, never reassigned id for the person (<c>sub</c>).</summary>
    public required string Subject { get; set; }

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;

    public DateTime LastSignInAt { get; set; } = DateTime.UtcNow;
}
