using Grimoire.Core.Data;
using Grimoire.Core.Keys;
using Grimoire.Llm;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Grimoire.Core.Playground.Credentials;

/// <summary>
/// Resolves OpenRouter to the student's own key for the course (AC2.3): the newest key that is not revoked, disabled
/// or expired, decrypted here, at call time, into the endpoint for the one call. Other providers fall back to
/// <see cref="ServerProviderCredentials"/>. The plain key is never logged; a key that cannot be decrypted resolves to
/// nothing (the student is told they have no access) and the reason, without the key, goes to the log.
/// </summary>
public sealed class StudentKeyCredentials(
    IDbContextFactory<GrimoireDbContext> contextFactory,
    KeyVault vault,
    ServerProviderCredentials server,
    TimeProvider time,
    ILogger<StudentKeyCredentials> logger) : IProviderCredentials
{
    public async Task<ProviderEndpoint?> ResolveAsync(Guid userId, Guid courseId, string provider, CancellationToken cancellationToken)
    {
        if (provider != ProviderKinds.OpenRouter)
        {
            return await server.ResolveAsync(userId, courseId, provider, cancellationToken);
        }

        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var key = await db.StudentApiKeys.AsNoTracking()
            .Where(k => k.CourseId == courseId && k.UserId == userId && k.Provider == provider
                && k.RevokedAt == null && !k.IsDisabled && (k.ExpiresAt == null || k.ExpiresAt > now))
            .OrderByDescending(k => k.CreatedAt)
            .FirstOrDefaultAsync(cancellationToken);
        if (key is null)
        {
            return null;
        }

        try
        {
            return new ProviderEndpoint(provider, vault.Decrypt(key));
        }
        catch (KeyVaultException ex)
        {
            logger.LogError("Key {KeyId} of user {UserId} in course {CourseId} could not be decrypted: {Reason}", key.Id, userId, courseId, ex.Message);
            return null;
        }
    }
}
