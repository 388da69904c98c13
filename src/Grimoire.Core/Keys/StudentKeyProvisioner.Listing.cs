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
    /// row. With <paramref name="refreshSpend"/>, spend is read from the provider's key listing; if that fails the rows
    /// still come back, with <see cref="StudentKeyList.SpendProblem"/> saying why.
    /// </summary>
    public async Task<StudentKeyList> ListAsync(Guid actorId, Guid courseId, string provider, bool refreshSpend, CancellationToken cancellationToken)
    {
        await EnsureCanManageAsync(actorId, courseId, cancellationToken);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var courseKeys = await db.StudentApiKeys.AsNoTracking()
            .Where(k => k.CourseId == courseId && k.Provider == provider)
            .Select(k => new KeyFacts(k.Id, k.UserId, k.ProviderKeyHash, k.IsDisabled, k.BudgetLimit, k.BudgetResetPeriod, k.ExpiresAt, k.CreatedAt, k.RevokedAt))
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

        var (spend, asOf, problem) = refreshSpend ? await ReadSpendAsync(cancellationToken) : (null, null, null);
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

            rows.AddRange(shown.Select(k => Row(person.Id, person.Email, person.DisplayName, person.Role, provider, k, now, spend)));
        }

        return new StudentKeyList(rows, asOf, problem);
    }

    /// <summary>Status from the stored row: revoked, then disabled, then expired, else active.</summary>
    public static StudentKeyStatus StatusOf(bool isDisabled, DateTime? expiresAt, DateTime? revokedAt, DateTime now) =>
        revokedAt is not null ? StudentKeyStatus.Revoked
        : isDisabled ? StudentKeyStatus.Disabled
        : expiresAt is { } expires && expires <= now ? StudentKeyStatus.Expired
        : StudentKeyStatus.Active;

    private static StudentKeyRow Row(
        Guid userId, string email, string name, CourseRole? role, string provider, KeyFacts key, DateTime now, Dictionary<string, OpenRouterKeyInfo>? spend)
    {
        var status = StatusOf(key.IsDisabled, key.ExpiresAt, key.RevokedAt, now);
        var row = new StudentKeyRow(userId, email, name, role, provider, key.Id, status, key.BudgetLimit, key.Reset, key.ExpiresAt, key.CreatedAt, key.RevokedAt);
        if (spend is null)
        {
            return row;
        }

        if (!spend.TryGetValue(key.Hash, out var info))
        {
            return row with { MissingAtProvider = status is StudentKeyStatus.Active or StudentKeyStatus.Disabled };
        }

        return row with
        {
            Spend = info.Usage,
            LimitRemaining = info.LimitRemaining,
            SpendThisPeriod = key.Reset switch
            {
                BudgetResetPeriod.Daily => info.UsageDaily,
                BudgetResetPeriod.Weekly => info.UsageWeekly,
                BudgetResetPeriod.Monthly => info.UsageMonthly,
                _ => null,
            },
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
        Guid Id, Guid UserId, string Hash, bool IsDisabled, decimal? BudgetLimit, BudgetResetPeriod Reset, DateTime? ExpiresAt, DateTime CreatedAt, DateTime? RevokedAt);
}
