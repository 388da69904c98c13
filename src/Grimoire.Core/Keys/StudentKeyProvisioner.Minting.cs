using Grimoire.Core.Accounts;
using Grimoire.Core.Courses;
using Grimoire.Core.Data;
using Grimoire.Llm;
using Grimoire.Llm.OpenRouter.Keys;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Grimoire.Core.Keys;

public sealed partial class StudentKeyProvisioner
{
    /// <summary>
    /// Mints a key for one enrolled person with the course's default budget (or <paramref name="budget"/>). A student
    /// who already has a live key (active or disabled, not expired) keeps it: <see cref="KeyMintOutcome.AlreadyHadKey"/>.
    /// Provider failures come back as <see cref="KeyMintOutcome.Failed"/> with the reason; a missing course setting throws
    /// <see cref="KeyProvisioningException"/>.
    /// </summary>
    public async Task<KeyMintResult> MintAsync(
        Guid actorId, Guid courseId, Guid studentId, string provider, CancellationToken cancellationToken, KeyBudget? budget = null)
    {
        RequireOpenRouter(provider);
        await EnsureCanManageAsync(actorId, courseId, cancellationToken);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var course = await MintableCourseAsync(db, courseId, cancellationToken);
        var student = await db.Enrollments.Where(e => e.CourseId == courseId && e.UserId == studentId).Select(e => e.User!)
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new KeyProvisioningException("That person is not enrolled in this course.");
        if (budget is not null)
        {
            EnsureUsable(budget);
        }

        var (result, _) = await MintOneAsync(course, student, budget ?? DefaultBudget(course), cancellationToken);
        return result;
    }

    /// <summary>
    /// Mints a key for every student of the course without a live one, one after another, and reports each. Safe to run
    /// again after a partial failure: students who got a key are reported <see cref="KeyMintOutcome.AlreadyHadKey"/>.
    /// A rejected or missing management key stops the run (the remaining students are reported as not attempted).
    /// </summary>
    public async Task<IReadOnlyList<KeyMintResult>> MintMissingAsync(Guid actorId, Guid courseId, string provider, CancellationToken cancellationToken)
    {
        RequireOpenRouter(provider);
        var run = await PlanMintForClassAsync(actorId, courseId, cancellationToken);
        var results = new List<KeyMintResult>(run.Students.Count);
        string? stop = null;
        foreach (var student in run.Students)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (stop is not null)
            {
                results.Add(new KeyMintResult(student.Id, student.Email, KeyMintOutcome.Failed, stop));
                continue;
            }

            var (result, fatal) = await MintInClassRunAsync(run, student, cancellationToken);
            results.Add(result);
            stop = fatal ? NotAttempted(result) : null;
        }

        logger.LogInformation(
            "Minted keys in course {CourseId}: {Minted} minted, {Had} already had one, {Failed} failed",
            courseId, results.Count(r => r.Outcome == KeyMintOutcome.Minted),
            results.Count(r => r.Outcome == KeyMintOutcome.AlreadyHadKey), results.Count(r => r.Outcome == KeyMintOutcome.Failed));
        return results;
    }

    /// <summary>
    /// The first half of minting for a class (<see cref="MintMissingAsync"/>, or a background job): checks the actor and
    /// the course, and lists every student of the course by e-mail with the budget their keys get.
    /// </summary>
    internal async Task<ClassMintRun> PlanMintForClassAsync(Guid actorId, Guid courseId, CancellationToken cancellationToken)
    {
        await EnsureCanManageAsync(actorId, courseId, cancellationToken);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var course = await MintableCourseAsync(db, courseId, cancellationToken);
        var budget = DefaultBudget(course);
        var students = await db.Enrollments.AsNoTracking()
            .Where(e => e.CourseId == courseId && e.Role == CourseRole.Student)
            .Select(e => e.User!).OrderBy(u => u.Email)
            .ToListAsync(cancellationToken);
        return new ClassMintRun(course, budget, students);
    }

    /// <summary>One student of a class run. Fatal means the students after them would fail the same way (no usable management key).</summary>
    internal Task<(KeyMintResult Result, bool Fatal)> MintInClassRunAsync(ClassMintRun run, User student, CancellationToken cancellationToken) =>
        MintOneAsync(run.Course, student, run.Budget, cancellationToken);

    /// <summary>What the students after a fatal failure are told.</summary>
    internal static string NotAttempted(KeyMintResult fatal) => $"Not attempted: {fatal.Reason}";

    /// <summary>Every key of the course that is not revoked (expired and disabled ones included), by the holder's e-mail.</summary>
    internal async Task<IReadOnlyList<(Guid KeyId, Guid UserId, string Email)>> UnrevokedKeysAsync(
        Guid actorId, Guid courseId, CancellationToken cancellationToken)
    {
        await EnsureCanManageAsync(actorId, courseId, cancellationToken);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var keys = await db.StudentApiKeys.AsNoTracking()
            .Where(k => k.CourseId == courseId && k.Provider == ProviderKinds.OpenRouter && k.RevokedAt == null)
            .OrderBy(k => k.User!.Email).ThenBy(k => k.CreatedAt)
            .Select(k => new { k.Id, k.UserId, k.User!.Email })
            .ToListAsync(cancellationToken);
        return [.. keys.Select(k => (k.Id, k.UserId, k.Email))];
    }

    /// <summary>
    /// Replaces a key with a new one (same budget, same disabled state; an expired key gets the course's default expiry):
    /// mints the new key, saves it, then revokes the old one at the provider. Returns the new key's id.
    /// </summary>
    public async Task<Guid> RotateAsync(Guid actorId, Guid keyId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var old = await LoadManagedKeyAsync(db, actorId, keyId, cancellationToken);
        var expires = old.ExpiresAt is { } at && at > Now ? at : DefaultBudget(old.Course!).ExpiresAt;
        var budget = new KeyBudget(old.BudgetLimit ?? DefaultBudget(old.Course!).Limit, old.BudgetResetPeriod, expires);
        return await ReplaceAsync(db, old, budget, cancellationToken);
    }

    /// <summary>Mints the successor of <paramref name="old"/> with <paramref name="budget"/>, saves it, then revokes <paramref name="old"/>.</summary>
    private async Task<Guid> ReplaceAsync(GrimoireDbContext db, StudentApiKey old, KeyBudget budget, CancellationToken cancellationToken)
    {
        await mintGate.WaitAsync(cancellationToken);
        StudentApiKey successor;
        try
        {
            var created = await AtProviderAsync(() => keys.CreateAsync(CreateRequest(old.Course!, old.User!, budget), cancellationToken));
            successor = await SaveOrRevokeAsync(created, old.CourseId, old.UserId, budget, old.IsDisabled);
        }
        finally
        {
            mintGate.Release();
        }

        try
        {
            // The successor is saved: finish the swap even if the caller gives up now.
            await AtProviderAsync(() => keys.DeleteAsync(old.ProviderKeyHash, CancellationToken.None));
        }
        catch (KeyProvisioningException ex)
        {
            throw new KeyProvisioningException(
                $"The new key is in place, but the old one could not be revoked at the provider ({ex.Message}). Revoke the old key again from the list.", ex);
        }

        old.RevokedAt = Now;
        await db.SaveChangesAsync(CancellationToken.None);
        logger.LogInformation("Key {OldKeyId} of user {UserId} rotated to {KeyId}", old.Id, old.UserId, successor.Id);
        return successor.Id;
    }

    private static async Task<Course> MintableCourseAsync(GrimoireDbContext db, Guid courseId, CancellationToken cancellationToken)
    {
        var course = await db.Courses.AsNoTracking().SingleOrDefaultAsync(c => c.Id == courseId, cancellationToken)
            ?? throw new KeyProvisioningException("There is no such course.");
        return course.IsArchived
            ? throw new KeyProvisioningException($"{course.Code} is archived: no new keys can be minted for it.")
            : course;
    }

    /// <summary>One student: skip if they have a live key, else mint and save. "Fatal" means later students would fail the same way.</summary>
    private async Task<(KeyMintResult Result, bool Fatal)> MintOneAsync(Course course, User student, KeyBudget budget, CancellationToken cancellationToken)
    {
        await mintGate.WaitAsync(cancellationToken);
        try
        {
            var now = Now;
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            var live = await db.StudentApiKeys.AsNoTracking()
                .Where(k => k.CourseId == course.Id && k.UserId == student.Id && k.Provider == ProviderKinds.OpenRouter
                    && k.RevokedAt == null && (k.ExpiresAt == null || k.ExpiresAt > now))
                .Select(k => new { k.Id, k.IsDisabled })
                .FirstOrDefaultAsync(cancellationToken);
            if (live is not null)
            {
                return (new KeyMintResult(student.Id, student.Email, KeyMintOutcome.AlreadyHadKey,
                    live.IsDisabled ? "Has a disabled key; enable or rotate it." : null, live.Id), false);
            }

            NewOpenRouterKey created;
            try
            {
                created = await keys.CreateAsync(CreateRequest(course, student, budget), cancellationToken);
            }
            catch (OpenRouterKeyApiException ex)
            {
                var fatal = ex.Error is OpenRouterKeyApiError.NotConfigured or OpenRouterKeyApiError.Unauthorized;
                return (new KeyMintResult(student.Id, student.Email, KeyMintOutcome.Failed, ex.Message), fatal);
            }

            var row = await SaveOrRevokeAsync(created, course.Id, student.Id, budget, disabled: false);
            return (new KeyMintResult(student.Id, student.Email, KeyMintOutcome.Minted, null, row.Id), false);
        }
        catch (KeyProvisioningException ex)
        {
            return (new KeyMintResult(student.Id, student.Email, KeyMintOutcome.Failed, ex.Message), false);
        }
        finally
        {
            mintGate.Release();
        }
    }

    private static OpenRouterKeyCreate CreateRequest(Course course, User student, KeyBudget budget) =>
        new(KeyNaming.For(course.Code, student.Email), budget.Limit, ToProvider(budget.Reset), ToProvider(budget.ExpiresAt));

    /// <summary>
    /// Encrypts and stores a key just minted. Once minted, the write is finished even if the caller gives up; if it
    /// fails, the key is revoked at the provider so none is left behind that nobody can use or see.
    /// </summary>
    private async Task<StudentApiKey> SaveOrRevokeAsync(NewOpenRouterKey created, Guid courseId, Guid userId, KeyBudget budget, bool disabled)
    {
        var row = new StudentApiKey
        {
            CourseId = courseId,
            UserId = userId,
            Provider = ProviderKinds.OpenRouter,
            EncryptedKey = [],
            EncryptionKeyId = "",
            ProviderKeyHash = created.Info.Hash,
            BudgetLimit = budget.Limit,
            BudgetResetPeriod = budget.Reset,
            ExpiresAt = budget.ExpiresAt,
            IsDisabled = disabled,
            CreatedAt = Now,
        };
        try
        {
            if (disabled)
            {
                await keys.UpdateAsync(created.Info.Hash, new OpenRouterKeyUpdate { Disabled = true }, CancellationToken.None);
            }

            vault.EncryptInto(row, created.Key);
            await using var db = await contextFactory.CreateDbContextAsync(CancellationToken.None);
            db.StudentApiKeys.Add(row);
            await db.SaveChangesAsync(CancellationToken.None);
            logger.LogInformation("Key {KeyId} ({Hash}) saved for user {UserId} in course {CourseId}", row.Id, row.ProviderKeyHash, userId, courseId);
            return row;
        }
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or KeyVaultException or OpenRouterKeyApiException
            or System.Data.Common.DbException)
        {
            logger.LogError(ex, "Key {Hash} was minted for user {UserId} but could not be saved; revoking it", created.Info.Hash, userId);
            try
            {
                await keys.DeleteAsync(created.Info.Hash, CancellationToken.None);
            }
            catch (OpenRouterKeyApiException revokeFailure)
            {
                logger.LogError("Key {Hash} could not be revoked either ({Reason}); delete it on the provider's dashboard", created.Info.Hash, revokeFailure.Message);
                throw new KeyProvisioningException(
                    $"The key was minted but could not be saved, and revoking it failed too: delete the key named '{created.Info.Name}' on the provider's dashboard.", ex);
            }

            throw new KeyProvisioningException("The key was minted but could not be saved, so it was revoked again. Try again.", ex);
        }
    }
}
