using Grimoire.Core.Access;
using Grimoire.Core.Courses;
using Grimoire.Core.Data;
using Grimoire.Llm;
using Grimoire.Llm.OpenRouter.Keys;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Grimoire.Core.Keys;

/// <summary>
/// The instructor's key tools (AC2.3–AC2.5): mint per-student provider keys with the course's budget, change, pause,
/// rotate and revoke them, and list them with status and spend. Every method first checks that the acting person is
/// an instructor of the course or a site admin (<see cref="KeyAccessDeniedException"/>). Plain keys exist only
/// between the provider's answer and <see cref="KeyVault.EncryptInto"/>; they are never returned, shown or logged.
/// </summary>
public sealed partial class StudentKeyProvisioner(
    IDbContextFactory<GrimoireDbContext> contextFactory,
    CourseAccess courseAccess,
    IOpenRouterKeyClient keys,
    KeyVault vault,
    TimeProvider time,
    ILogger<StudentKeyProvisioner> logger) : IDisposable
{
    /// <summary>Serialises "check for a live key, mint, save" so two requests cannot both mint for one student.</summary>
    private readonly SemaphoreSlim mintGate = new(1, 1);

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>True when <paramref name="actorId"/> may manage the keys of <paramref name="courseId"/>.</summary>
    public async Task<bool> CanManageAsync(Guid actorId, Guid courseId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Users.AnyAsync(u => u.Id == actorId && u.IsSiteAdmin, cancellationToken)
            || await courseAccess.HasRoleAsync(actorId, courseId, CourseRole.Instructor, cancellationToken);
    }

    /// <summary>
    /// The budget a new key in <paramref name="course"/> gets: the course's default limit and reset, expiring at the end
    /// of <see cref="Course.DefaultKeyExpiresOn"/> or else of the course's last day (UTC).
    /// </summary>
    public KeyBudget DefaultBudget(Course course)
    {
        ArgumentNullException.ThrowIfNull(course);
        if (course.DefaultKeyBudget is not { } limit || limit <= 0)
        {
            throw new KeyProvisioningException($"Set a default key budget for {course.Code} first (a spending limit in USD above zero).");
        }

        var expiresOn = course.DefaultKeyExpiresOn ?? course.EndsOn;
        var budget = new KeyBudget(limit, course.DefaultKeyBudgetReset, expiresOn?.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
        EnsureUsable(budget);
        return budget;
    }

    private async Task EnsureCanManageAsync(Guid actorId, Guid courseId, CancellationToken cancellationToken)
    {
        if (!await CanManageAsync(actorId, courseId, cancellationToken))
        {
            logger.LogWarning("User {UserId} was refused key management in course {CourseId}", actorId, courseId);
            throw new KeyAccessDeniedException();
        }
    }

    /// <summary>The key, once the actor is known to manage its course; an unknown id is refused like a foreign one.</summary>
    private async Task<StudentApiKey> LoadManagedKeyAsync(
        GrimoireDbContext db, Guid actorId, Guid keyId, CancellationToken cancellationToken, bool allowRevoked = false)
    {
        var key = await db.StudentApiKeys.Include(k => k.User).Include(k => k.Course)
            .SingleOrDefaultAsync(k => k.Id == keyId, cancellationToken);
        if (key is null)
        {
            throw new KeyAccessDeniedException();
        }

        await EnsureCanManageAsync(actorId, key.CourseId, cancellationToken);
        if (key.RevokedAt is not null && !allowRevoked)
        {
            throw new KeyProvisioningException("This key was revoked; mint a new one instead.");
        }

        return key;
    }

    private void EnsureUsable(KeyBudget budget)
    {
        if (budget.Limit <= 0)
        {
            throw new KeyProvisioningException("A key's budget must be a spending limit in USD above zero.");
        }

        if (budget.ExpiresAt is { } expires && expires <= Now)
        {
            throw new KeyProvisioningException($"The expiry {expires:yyyy-MM-dd HH:mm} UTC has passed; choose a later date.");
        }
    }

    private static void RequireOpenRouter(string provider)
    {
        if (provider != ProviderKinds.OpenRouter)
        {
            throw new KeyProvisioningException($"Keys can be minted for {ProviderKinds.OpenRouter} only, not '{provider}'.");
        }
    }

    private static OpenRouterLimitReset ToProvider(BudgetResetPeriod reset) => reset switch
    {
        BudgetResetPeriod.Daily => OpenRouterLimitReset.Daily,
        BudgetResetPeriod.Weekly => OpenRouterLimitReset.Weekly,
        BudgetResetPeriod.Monthly => OpenRouterLimitReset.Monthly,
        _ => OpenRouterLimitReset.Never,
    };

    private static DateTimeOffset? ToProvider(DateTime? instant) =>
        instant is { } value ? new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc)) : null;

    /// <summary>Runs a provider call, turning its failure into a <see cref="KeyProvisioningException"/> with its safe message.</summary>
    private static async Task<T> AtProviderAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (OpenRouterKeyApiException ex)
        {
            throw new KeyProvisioningException(ex.Message, ex);
        }
    }

    public void Dispose() => mintGate.Dispose();
}
