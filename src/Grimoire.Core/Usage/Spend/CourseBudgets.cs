using System.Globalization;
using Grimoire.Core.Courses.Admin;
using Grimoire.Core.Data;
using Grimoire.Core.Keys;
using Grimoire.Core.Usage.Dashboard;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Grimoire.Core.Usage.Spend;

/// <summary>
/// The instructor's spend settings of a course (X7, X1): per-student and per-course budgets for providers reached with
/// the operator's key, when they reset, the course's time zone (the dashboard's days) and the near-limit share.
/// Read by staff; changed by instructors and site admins. Singleton.
/// </summary>
public sealed class CourseBudgets(IDbContextFactory<GrimoireDbContext> contextFactory, CourseAdminAccess access, ILogger<CourseBudgets> logger)
{
    public const decimal MaxBudget = 1_000_000m;

    public async Task<CourseBudgetSettings> GetAsync(Guid actorId, Guid courseId, CancellationToken cancellationToken)
    {
        await access.RequireReadAsync(actorId, courseId, cancellationToken);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Courses.AsNoTracking().Where(c => c.Id == courseId)
            .Select(c => new CourseBudgetSettings(c.StudentBudget, c.CourseBudget, c.UsageBudgetReset, c.TimeZoneId, c.NearLimitShare))
            .SingleAsync(cancellationToken);
    }

    /// <summary>Saves the settings; <see cref="CourseValidationException"/> lists every problem, one sentence each.</summary>
    public async Task SaveAsync(Guid actorId, Guid courseId, CourseBudgetSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        await access.RequireManageAsync(actorId, courseId, cancellationToken);
        CourseValidationException.ThrowIfAny(Problems(settings));
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.Courses.Where(c => c.Id == courseId).ExecuteUpdateAsync(set => set
            .SetProperty(c => c.StudentBudget, settings.StudentBudget)
            .SetProperty(c => c.CourseBudget, settings.CourseBudget)
            .SetProperty(c => c.UsageBudgetReset, settings.Reset)
            .SetProperty(c => c.TimeZoneId, settings.TimeZoneId.Trim())
            .SetProperty(c => c.NearLimitShare, settings.NearLimitShare), cancellationToken);
        logger.LogInformation(
            "Spend settings of course {CourseId} changed by {ActorId}: per student {StudentBudget}, course {CourseBudget}, reset {Reset}, zone {Zone}, near limit at {Share}",
            courseId, actorId, settings.StudentBudget, settings.CourseBudget, settings.Reset, settings.TimeZoneId, settings.NearLimitShare);
    }

    private static List<string> Problems(CourseBudgetSettings settings)
    {
        var problems = new List<string>();
        foreach (var (value, name) in new[] { (settings.StudentBudget, "The budget per student"), (settings.CourseBudget, "The course's budget") })
        {
            if (value is { } amount && (amount < 0m || amount > MaxBudget))
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"{name} must be between $0 and ${MaxBudget:N0}, or empty for no limit."));
            }
        }

        if (!CourseTimeZone.IsKnown(settings.TimeZoneId?.Trim()))
        {
            problems.Add($"'{settings.TimeZoneId}' is not a time zone this server knows. Use an IANA name such as Europe/Berlin or America/New_York.");
        }

        if (settings.NearLimitShare is < 0.05m or > 1m)
        {
            problems.Add("The near-limit share must be between 5% and 100%.");
        }

        if (!Enum.IsDefined(settings.Reset))
        {
            problems.Add("Pick when the budgets reset.");
        }

        return problems;
    }
}

/// <summary>A course's spend settings; null budgets mean no limit.</summary>
public sealed record CourseBudgetSettings(decimal? StudentBudget, decimal? CourseBudget, BudgetResetPeriod Reset, string TimeZoneId, decimal NearLimitShare);
