using Grimoire.Core.Courses;
using Grimoire.Llm.OpenRouter.Keys;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Grimoire.Core.Keys;

public sealed partial class StudentKeyProvisioner
{
    /// <summary>
    /// The course's key table for <paramref name="provider"/>: every student (and anyone else holding a key in the
    /// course), each live key of theirs newest first, or their last revoked key, or a <see cref="StudentKeyStatus.None"/>
    /// row. Spend is what the provider last reported, kept on each key (<see cref="StudentKeyList.SpendAsOf"/> says when).
    /// With <paramref name="refreshSpend"/>, it is read again from the provider's key listing first; if that fails the
    /// rows still come back, with <see cref="StudentKeyList.SpendProblem"/> saying why. A class-wide refresh with
    /// progress is the <c>RefreshSpend</c> course job (<see cref="RefreshSpendOfKeyAsync"/>, key by key).
    /// </summary>
    public async Task<StudentKeyList> ListAsync(Guid actorId, Guid courseId, string provider, bool refreshSpend, CancellationToken cancellationToken)
    {
        await EnsureCanManageAsync(actorId, courseId, cancellationToken);
        var problem = refreshSpend ? await RefreshCourseSpendAsync(courseId, provider, cancellationToken) : null;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var courseKeys = await db.StudentApiKeys.AsNoTracking()
            .Where(k => k.CourseId == courseId && k.Provider == provider)
            .Select(k => new KeyFacts(k.Id, k.UserId, k.IsDisabled, k.BudgetLimit, k.BudgetResetPeriod, k.ExpiresAt, k.CreatedAt, k.RevokedAt,
                k.SpendUsd, k.SpendThisPeriodUsd, k.LimitRemainingUsd, k.SpendReadAt, k.IsMissingAtProvider))
            .ToListAsync(cancellationToken);
        var holders = courseKeys.Select(k => k.UserId).Distinct().ToList();
        var people = await db.Users.AsNoTracking()
            .Where(u => db.Enrollments.Any(e => e.CourseId == courseId && e.UserId == u.Id && e.Role == CourseRole.Student) || holders.Contains(u.Id))
            .Select(u => new
            {
                u.Id, u.Email, u.DisplayName,
                Role = db.Enrollments.Where(e => e.CourseId == courseId && e.UserId == u.Id).Select(e => (CourseRole?)e.Role).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);

        var now = Now;
        var rows = new List<StudentKeyRow>();
        foreach (var person in people.OrderBy(p => p.DisplayName, StringComparer.CurrentCultureIgnoreCase).ThenBy(p => p.Email, StringComparer.Ordinal))
        {
            var theirs = courseKeys.Where(k => k.UserId == person.Id).OrderByDescending(k => k.CreatedAt).ToList();
            var shown = theirs.Where(k => k.RevokedAt is null).ToList();
            if (shown.Count == 0 && theirs.Count > 0)
            {
                shown.Add(theirs[0]);
            }

            if (shown.Count == 0)
            {
                rows.Add(new StudentKeyRow(person.Id, person.Email, person.DisplayName, person.Role, provider, null, StudentKeyStatus.None,
                    null, BudgetResetPeriod.Never, null, null, null));
                continue;
            }

            rows.AddRange(shown.Select(k => Row(person.Id, person.Email, person.DisplayName, person.Role, provider, k, now)));
        }

        var asOf = courseKeys.Where(k => k.RevokedAt is null).Max(k => k.SpendReadAt);
        return new StudentKeyList(rows, asOf, problem);
    }

    /// <summary>Status from the stored row: revoked, then disabled, then expired, else active.</summary>
    public static StudentKeyStatus StatusOf(bool isDisabled, DateTime? expiresAt, DateTime? revokedAt, DateTime now) =>
        revokedAt is not null ? StudentKeyStatus.Revoked
        : isDisabled ? StudentKeyStatus.Disabled
        : expiresAt is { } expires && expires <= now ? StudentKeyStatus.Expired
        : StudentKeyStatus.Active;

    private static StudentKeyRow Row(Guid userId, string email, string name, CourseRole? role, string provider, KeyFacts key, DateTime now)
    {
        var status = StatusOf(key.IsDisabled, key.ExpiresAt, key.RevokedAt, now);
        var row = new StudentKeyRow(userId, email, name, role, provider, key.Id, status, key.BudgetLimit, key.Reset, key.ExpiresAt, key.CreatedAt, key.RevokedAt);
        return key.SpendReadAt is null ? row : row with
        {
            Spend = key.Spend,
            SpendThisPeriod = key.Reset == BudgetResetPeriod.Never ? null : key.SpendThisPeriod,
            LimitRemaining = key.LimitRemaining,
            MissingAtProvider = key.Missing && status is StudentKeyStatus.Active or StudentKeyStatus.Disabled,
        };
    }

    /// <summary>
    /// Reads one key's spend from the provider and keeps it on the key (a step of the RefreshSpend job). False when the
    /// provider no longer has the key (that is kept too, and shown as missing).
    /// </summary>
    internal async Task<bool> RefreshSpendOfKeyAsync(Guid actorId, Guid keyId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var key = await LoadManagedKeyAsync(db, actorId, keyId, cancellationToken);
        var info = await AtProviderAsync(() => keys.GetAsync(key.ProviderKeyHash, cancellationToken));
        Keep(key, info, Now);
        await db.SaveChangesAsync(CancellationToken.None);
        return info is not null;
    }

    /// <summary>Reads the provider's whole key listing and keeps each of the course's keys' spend; the problem, if it failed.</summary>
    private async Task<string?> RefreshCourseSpendAsync(Guid courseId, string provider, CancellationToken cancellationToken)
    {
        var (spend, asOf, problem) = await ReadSpendAsync(cancellationToken);
        if (spend is null)
        {
            return problem;
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var live = await db.StudentApiKeys.Where(k => k.CourseId == courseId && k.Provider == provider && k.RevokedAt == null).ToListAsync(cancellationToken);
        foreach (var key in live)
        {
            Keep(key, spend.GetValueOrDefault(key.ProviderKeyHash), asOf!.Value);
        }

        await db.SaveChangesAsync(CancellationToken.None);
        return null;
    }

    private static void Keep(StudentApiKey key, OpenRouterKeyInfo? info, DateTime readAt)
    {
        key.SpendReadAt = readAt;
        key.IsMissingAtProvider = info is null;
        if (info is null)
        {
            return;
        }

        key.SpendUsd = info.Usage;
        key.LimitRemainingUsd = info.LimitRemaining;
        key.SpendThisPeriodUsd = key.BudgetResetPeriod switch
        {
            BudgetResetPeriod.Daily => info.UsageDaily,
            BudgetResetPeriod.Weekly => info.UsageWeekly,
            BudgetResetPeriod.Monthly => info.UsageMonthly,
            _ => null,
        };
    }

    private async Task<(Dictionary<string, OpenRouterKeyInfo>? Spend, DateTime? AsOf, string? Problem)> ReadSpendAsync(CancellationToken cancellationToken)
    {
        var asOf = Now;
        try
        {
            var byHash = new Dictionary<string, OpenRouterKeyInfo>(StringComparer.Ordinal);
            await foreach (var info in keys.ListAllAsync(cancellationToken))
            {
                byHash[info.Hash] = info;
            }

            return (byHash, asOf, null);
        }
        catch (OpenRouterKeyApiException ex)
        {
            logger.LogWarning("Could not read key spend from the provider: {Reason}", ex.Message);
            return (null, null, ex.Message);
        }
    }

    private sealed record KeyFacts(
        Guid Id, Guid UserId, bool IsDisabled, decimal? BudgetLimit, BudgetResetPeriod Reset, DateTime? ExpiresAt, DateTime CreatedAt, DateTime? RevokedAt,
        decimal? Spend, decimal? SpendThisPeriod, decimal? LimitRemaining, DateTime? SpendReadAt, bool Missing);
}
