using System.Security.Cryptography;
using Grimoire.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;

namespace Grimoire.Core.Lti;

/// <summary>
/// The state and nonce of each third-party-initiated login (X9), stored server-side and consumed exactly once: the
/// launch that answers a state deletes its row before anything else, so a replayed launch finds nothing, and the
/// nonce it carried can never be matched again.
/// </summary>
public sealed class LtiLoginStates(IDbContextFactory<GrimoireDbContext> contextFactory, TimeProvider time)
{
    /// <summary>How long a person has between the LMS's login initiation and the launch.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    public async Task<LtiLoginState> BeginAsync(Guid platformId, string targetLinkUri, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var login = new LtiLoginState
        {
            State = NewToken(),
            Nonce = NewToken(),
            PlatformId = platformId,
            TargetLinkUri = targetLinkUri,
            ExpiresAt = now + Lifetime,
        };
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        // Logins nobody finished: gone with the next one that starts.
        await db.LtiLoginStates.Where(s => s.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);
        db.LtiLoginStates.Add(login);
        await db.SaveChangesAsync(cancellationToken);
        return login;
    }

    /// <summary>
    /// The login this state began, removed so it cannot be used again; null when it is unknown, already used, or
    /// expired. Of two launches racing with the same state only the one whose delete removed the row gets it.
    /// </summary>
    public async Task<LtiLoginState?> ConsumeAsync(string? state, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(state) || state.Length > 64)
        {
            return null;
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var login = await db.LtiLoginStates.AsNoTracking().SingleOrDefaultAsync(s => s.State == state, cancellationToken);
        if (login is null || await db.LtiLoginStates.Where(s => s.State == state).ExecuteDeleteAsync(cancellationToken) != 1)
        {
            return null;
        }

        return login.ExpiresAt < time.GetUtcNow().UtcDateTime ? null : login;
    }

    private static string NewToken() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
}
