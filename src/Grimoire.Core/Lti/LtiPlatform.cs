namespace Grimoire.Core.Lti;

/// <summary>
/// An LMS registered by a site admin as an LTI 1.3 platform (X9): identified by (issuer, client id), with the
/// endpoints the tool needs and the deployment ids it accepts launches from.
/// </summary>
public sealed class LtiPlatform
{
    public const int MaxUrlLength = 1024;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>A label for the admin page, e.g. "Moodle (production)".</summary>
    public required string Name { get; set; }

    /// <summary>The platform's issuer exactly as its id_tokens carry <c>iss</c>.</summary>
    public required string Issuer { get; set; }

    /// <summary>The client id the platform gave this tool (the id_token's <c>aud</c>).</summary>
    public required string ClientId { get; set; }

    /// <summary>The platform's OIDC authorization endpoint (where the login initiation is sent on).</summary>
    public required string AuthLoginUrl { get; set; }

    /// <summary>The platform's OAuth 2 token endpoint (client credentials, for roster sync).</summary>
    public required string AuthTokenUrl { get; set; }

    /// <summary>The platform's public key set.</summary>
    public required string JwksUrl { get; set; }

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;

    public List<LtiDeployment> Deployments { get; set; } = [];
}

/// <summary>One deployment of the tool on a platform (the id_token's <c>deployment_id</c>).</summary>
public sealed class LtiDeployment
{
    public const int MaxDeploymentIdLength = 255;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid PlatformId { get; set; }

    public required string DeploymentId { get; set; }
}

/// <summary>
/// A login initiation in flight: the state and nonce sent to the platform, kept server-side and consumed once by
/// the launch that answers them (or expired after <see cref="LtiLoginStates.Lifetime"/>).
/// </summary>
public sealed class LtiLoginState
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The random state sent to the platform (unique).</summary>
    public required string State { get; set; }

    public required string Nonce { get; set; }

    public Guid PlatformId { get; set; }

    public required string TargetLinkUri { get; set; }

    public DateTime ExpiresAt { get; set; }
}

/// <summary>An LMS course (platform, context id) mapped to a Grimoire course.</summary>
public sealed class LtiContextLink
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid PlatformId { get; set; }

    public required string ContextId { get; set; }

    public Guid CourseId { get; set; }

    /// <summary>The Names and Role Provisioning Services memberships URL from the latest launch, if the platform sent one.</summary>
    public string? MembershipsUrl { get; set; }

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
}

/// <summary>
/// One of the tool's own RSA signing keys (its JWKS, and the client assertion for roster sync). The private key is
/// sealed by <see cref="Keys.KeyVault"/> bound to this row's id; retired keys stay published for a while.
/// </summary>
public sealed class LtiToolKey
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The JWK <c>kid</c>.</summary>
    public required string KeyId { get; set; }

    /// <summary>The RSA public key (SubjectPublicKeyInfo, DER).</summary>
    public required byte[] PublicKey { get; set; }

    /// <summary>The sealed PKCS#8 private key (base64 inside the sealed value).</summary>
    public required byte[] PrivateKeyCiphertext { get; set; }

    public required string EncryptionKeyId { get; set; }

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;

    /// <summary>When a newer key replaced it; null for the current key.</summary>
    public DateTime? RetiredAt { get; set; }
}
