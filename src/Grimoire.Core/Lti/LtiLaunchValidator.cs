using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Grimoire.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Grimoire.Core.Lti;

/// <summary>
/// Checks a launch's <c>id_token</c> against the login it answers (X9): signed (RS256) by a key in the platform's key
/// set (refetched once on an unknown key id), issued by that platform for this tool (<c>aud</c>, and <c>azp</c> when
/// there are several audiences or it is present), not expired, carrying the login's nonce, from a registered
/// deployment, an <c>LtiResourceLinkRequest</c> of version 1.3.0 with a subject.
/// </summary>
public sealed class LtiLaunchValidator(IDbContextFactory<GrimoireDbContext> contextFactory, LtiPlatformKeys keys, TimeProvider time)
{
    /// <summary>Clock difference tolerated between the platform and the tool.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);

    private readonly JsonWebTokenHandler handler = new();

    public async Task<LtiLaunchValidation> ValidateAsync(string? idToken, LtiLoginState login, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(login);
        if (string.IsNullOrEmpty(idToken) || idToken.Length > 64 * 1024 || !handler.CanReadToken(idToken))
        {
            return LtiLaunchValidation.Refused(LtiRefusal.MalformedToken);
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var platform = await db.LtiPlatforms.AsNoTracking().Include(p => p.Deployments)
            .SingleOrDefaultAsync(p => p.Id == login.PlatformId, cancellationToken);
        if (platform is null)
        {
            return LtiLaunchValidation.Refused(LtiRefusal.UnknownPlatform);
        }

        JsonWebToken token;
        try
        {
            token = handler.ReadJsonWebToken(idToken);
        }
        catch (ArgumentException)
        {
            return LtiLaunchValidation.Refused(LtiRefusal.MalformedToken);
        }

        if (!string.Equals(token.Issuer, platform.Issuer, StringComparison.Ordinal))
        {
            return LtiLaunchValidation.Refused(LtiRefusal.WrongIssuer);
        }

        var audiences = token.Audiences.ToList();
        var azp = token.TryGetPayloadValue<string>("azp", out var authorizedParty) ? authorizedParty : null;
        if (!audiences.Contains(platform.ClientId, StringComparer.Ordinal)
            || (azp is not null && azp != platform.ClientId)
            || (audiences.Count > 1 && azp is null))
        {
            return LtiLaunchValidation.Refused(LtiRefusal.WrongAudience);
        }

        SecurityKey? key;
        try
        {
            key = await keys.FindAsync(platform.JwksUrl, string.IsNullOrEmpty(token.Kid) ? null : token.Kid, cancellationToken);
        }
        catch (LtiKeySetException)
        {
            return LtiLaunchValidation.Refused(LtiRefusal.KeySetUnavailable);
        }

        if (key is null)
        {
            return LtiLaunchValidation.Refused(LtiRefusal.UnknownKey);
        }

        var result = await handler.ValidateTokenAsync(idToken, new TokenValidationParameters
        {
            ValidIssuer = platform.Issuer,
            ValidAudience = platform.ClientId,
            IssuerSigningKey = key,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512],
            // Lifetime against the tool's own clock (TimeProvider), below.
            ValidateLifetime = false,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            TryAllIssuerSigningKeys = false,
        });
        if (!result.IsValid)
        {
            return LtiLaunchValidation.Refused(result.Exception switch
            {
                SecurityTokenInvalidIssuerException => LtiRefusal.WrongIssuer,
                SecurityTokenInvalidAudienceException => LtiRefusal.WrongAudience,
                SecurityTokenNoExpirationException => LtiRefusal.Expired,
                _ => LtiRefusal.BadSignature,
            });
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (token.ValidTo == DateTime.MinValue || token.ValidTo + ClockSkew < now
            || (token.IssuedAt != DateTime.MinValue && token.IssuedAt - ClockSkew > now))
        {
            return LtiLaunchValidation.Refused(LtiRefusal.Expired);
        }

        var nonce = token.TryGetPayloadValue<string>("nonce", out var sent) ? sent : "";
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(nonce), Encoding.UTF8.GetBytes(login.Nonce)))
        {
            return LtiLaunchValidation.Refused(LtiRefusal.NonceMismatch);
        }

        return Read(token, platform);
    }

    private static LtiLaunchValidation Read(JsonWebToken token, LtiPlatform platform)
    {
        using var payload = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(token.EncodedPayload));
        var claims = payload.RootElement;
        if (Text(claims, LtiClaims.MessageType) != LtiClaims.ResourceLinkRequest)
        {
            return LtiLaunchValidation.Refused(LtiRefusal.WrongMessageType);
        }

        if (Text(claims, LtiClaims.Version) != LtiClaims.Version13)
        {
            return LtiLaunchValidation.Refused(LtiRefusal.WrongVersion);
        }

        var deployment = Text(claims, LtiClaims.DeploymentId);
        if (deployment is null || !platform.Deployments.Any(d => d.DeploymentId == deployment))
        {
            return LtiLaunchValidation.Refused(LtiRefusal.UnknownDeployment);
        }

        var subject = Text(claims, "sub");
        if (string.IsNullOrEmpty(subject))
        {
            return LtiLaunchValidation.Refused(LtiRefusal.NoSubject);
        }

        var roles = claims.TryGetProperty(LtiClaims.Roles, out var r) && r.ValueKind == JsonValueKind.Array
            ? r.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList()
            : [];
        var context = claims.TryGetProperty(LtiClaims.Context, out var c) && c.ValueKind == JsonValueKind.Object ? c : default;
        var nrps = claims.TryGetProperty(LtiClaims.NamesRoleService, out var n) && n.ValueKind == JsonValueKind.Object ? n : default;
        return new LtiLaunchValidation(
            new LtiLaunch(
                platform.Id,
                platform.Issuer,
                subject,
                deployment,
                Text(claims, "email"),
                Text(claims, "name"),
                Text(claims, "given_name"),
                Text(context, "id"),
                Text(context, "label"),
                Text(context, "title"),
                roles,
                Text(nrps, "context_memberships_url")),
            null);
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
