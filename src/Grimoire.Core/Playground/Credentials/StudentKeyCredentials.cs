using System.Globalization;
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

    public async Task<string?> ExplainNoAccessAsync(Guid userId, Guid courseId, string provider, CancellationToken cancellationToken)
    {
        if (provider != ProviderKinds.OpenRouter)
        {
            return null;
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var newest = await db.StudentApiKeys.AsNoTracking()
            .Where(k => k.CourseId == courseId && k.UserId == userId && k.Provider == provider && k.RevokedAt == null)
            .OrderByDescending(k => k.CreatedAt)
            .Select(k => new { k.IsDisabled, k.ExpiresAt })
            .FirstOrDefaultAsync(cancellationToken);
        if (newest is null)
        {
            return null;
        }

        if (newest.IsDisabled)
        {
            return PausedKey;
        }

        return newest.ExpiresAt is { } expired && expired <= time.GetUtcNow().UtcDateTime
            ? $"Your access to this provider in this course ended on {expired.AddTicks(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}. Ask your instructor to renew it."
            : null;
    }

    public const string PausedKey = "Your instructor has paused your access to this provider for now. Ask them to enable it again.";
}
