using Grimoire.Llm.OpenRouter.Keys;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Grimoire.Core.Keys;

public sealed partial class StudentKeyProvisioner
{
    /// <summary>
    /// Changes a key's limit, reset period and expiry. The provider cannot move a key's expiry, so an earlier expiry is
    /// enforced here (only the server ever holds the key), and an expiry later than the provider's replaces the key
    /// (like <see cref="RotateAsync"/>; the new key's spend starts at zero). Returns the id of the key now in use.
    /// </summary>
    public async Task<Guid> ChangeBudgetAsync(Guid actorId, Guid keyId, KeyBudget budget, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(budget);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var key = await LoadManagedKeyAsync(db, actorId, keyId, cancellationToken);
        EnsureUsable(budget);
        if (await NeedsLaterProviderExpiryAsync(key, budget.ExpiresAt, cancellationToken))
        {
            return await ReplaceAsync(db, key, budget, cancellationToken);
        }

        if (budget.Limit != key.BudgetLimit || budget.Reset != key.BudgetResetPeriod)
        {
            var update = new OpenRouterKeyUpdate { Budget = new OpenRouterBudget(budget.Limit, ToProvider(budget.Reset)) };
            await AtProviderAsync(() => keys.UpdateAsync(key.ProviderKeyHash, update, cancellationToken));
        }

        key.BudgetLimit = budget.Limit;
        key.BudgetResetPeriod = budget.Reset;
        key.ExpiresAt = budget.ExpiresAt;
        // The provider has changed already: record it even if the caller gives up now.
        await db.SaveChangesAsync(CancellationToken.None);
        logger.LogInformation("Budget of key {KeyId} changed", key.Id);
        return key.Id;
    }

    /// <summary>Pauses (<paramref name="disabled"/> true) or resumes a key at the provider and here.</summary>
    public async Task SetDisabledAsync(Guid actorId, Guid keyId, bool disabled, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var key = await LoadManagedKeyAsync(db, actorId, keyId, cancellationToken);
        if (key.IsDisabled == disabled)
        {
            return;
        }

        await AtProviderAsync(() => keys.UpdateAsync(key.ProviderKeyHash, new OpenRouterKeyUpdate { Disabled = disabled }, cancellationToken));
        key.IsDisabled = disabled;
        await db.SaveChangesAsync(CancellationToken.None);
        logger.LogInformation("Key {KeyId} {State}", key.Id, disabled ? "disabled" : "enabled");
    }

    /// <summary>Deletes a key at the provider for good and marks it revoked. Revoking a revoked key does nothing.</summary>
    public async Task RevokeAsync(Guid actorId, Guid keyId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var key = await LoadManagedKeyAsync(db, actorId, keyId, cancellationToken, allowRevoked: true);
        if (key.RevokedAt is null)
        {
            await RevokeAtProviderAsync(key, cancellationToken);
            await db.SaveChangesAsync(CancellationToken.None);
        }
    }

    /// <summary>
    /// Revokes every key a person holds in a course; the enrollment code calls this when unenrolling them (before
    /// removing the enrollment). Returns how many keys were revoked. If some could not be revoked at the provider, the
    /// others stay revoked and a <see cref="KeyProvisioningException"/> says so; calling again is safe.
    /// </summary>
    public async Task<int> RevokeStudentKeysAsync(Guid actorId, Guid courseId, Guid studentId, CancellationToken cancellationToken)
    {
        await EnsureCanManageAsync(actorId, courseId, cancellationToken);
        return await RevokeHeldKeysAsync(courseId, studentId, cancellationToken);
    }

    /// <summary><see cref="RevokeStudentKeysAsync"/> for callers that have checked access themselves (unenrollment).</summary>
    internal async Task<int> RevokeHeldKeysAsync(Guid courseId, Guid studentId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var live = await db.StudentApiKeys
            .Where(k => k.CourseId == courseId && k.UserId == studentId && k.RevokedAt == null)
            .ToListAsync(cancellationToken);
        var failures = new List<string>();
        foreach (var key in live)
        {
            try
            {
                await RevokeAtProviderAsync(key, cancellationToken);
            }
            catch (KeyProvisioningException ex)
            {
                failures.Add(ex.Message);
            }
        }

        await db.SaveChangesAsync(CancellationToken.None);
        var revoked = live.Count - failures.Count;
        return failures.Count == 0
            ? revoked
            : throw new KeyProvisioningException(
                $"{failures.Count} of {live.Count} keys could not be revoked at the provider ({failures[0]}). Try again before unenrolling.");
    }

    private async Task RevokeAtProviderAsync(StudentApiKey key, CancellationToken cancellationToken)
    {
        // False means the provider had already deleted it: revoked either way.
        await AtProviderAsync(() => keys.DeleteAsync(key.ProviderKeyHash, cancellationToken));
        key.RevokedAt = Now;
        logger.LogInformation("Key {KeyId} of user {UserId} revoked", key.Id, key.UserId);
    }

    /// <summary>True when <paramref name="wanted"/> is later than the expiry the provider itself enforces for the key.</summary>
    private async Task<bool> NeedsLaterProviderExpiryAsync(StudentApiKey key, DateTime? wanted, CancellationToken cancellationToken)
    {
        if (wanted == key.ExpiresAt || (wanted is { } earlier && (key.ExpiresAt is null || earlier <= key.ExpiresAt)))
        {
            return false;
        }

        var info = await AtProviderAsync(() => keys.GetAsync(key.ProviderKeyHash, cancellationToken))
            ?? throw new KeyProvisioningException("The provider no longer has this key; revoke it and mint a new one.");
        return info.ExpiresAt is { } enforced && (wanted is null || wanted > enforced.UtcDateTime);
    }
}
