using Grimoire.Core.Courses;
using Grimoire.Core.Courses.Admin;
using Grimoire.Core.Data;
using Grimoire.Core.Playground;
using Grimoire.Core.Usage.Spend;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Grimoire.Core.Usage.Dashboard;

/// <summary>
/// The course usage dashboard's figures (X1) for the course's instructors, tutors and site admins (checked here, from
/// the database). Each panel is a grouped query over the <c>(CourseId, StartedAt)</c> index: per model and per student
/// once for the period; per day one query per day of the period, whose bounds are that day's midnights in the course's
/// time zone converted to UTC (so days follow daylight-saving changes; times are stored in UTC). Budgets come from
/// <see cref="BudgetReader"/>, one read per student. Singleton.
/// </summary>
public sealed class CourseUsage(
    IDbContextFactory<GrimoireDbContext> contextFactory, CourseAdminAccess access, TimeProvider time, ILogger<CourseUsage> logger)
{
    public async Task<CourseUsageReport> ReadAsync(Guid actorId, Guid courseId, UsagePeriod period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        await access.RequireReadAsync(actorId, courseId, cancellationToken);
        if (period.Days < 1 || period.Days > UsagePeriod.MaxDays)
        {
            throw new CourseValidationException(period.Days < 1
                ? $"The period is empty: {period.From:yyyy-MM-dd} is after {period.To:yyyy-MM-dd}."
                : $"Pick at most {UsagePeriod.MaxDays} days.");
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var course = await db.Courses.AsNoTracking().Where(c => c.Id == courseId)
            .Select(c => new { c.Code, c.TimeZoneId, c.NearLimitShare }).SingleAsync(cancellationToken);
        var zone = CourseTimeZone.Find(course.TimeZoneId);
        var (fromUtc, toUtc) = (CourseTimeZone.StartOfDay(period.From, zone), CourseTimeZone.StartOfDay(period.To.AddDays(1), zone));
        var calls = db.UsageRecords.AsNoTracking().Where(u => u.CourseId == courseId && u.StartedAt >= fromUtc && u.StartedAt < toUtc);

        var models = (await calls.GroupBy(u => new { u.Provider, u.Model })
                .Select(g => new
                {
                    g.Key.Provider, g.Key.Model, Turns = g.LongCount(),
                    Input = g.Sum(u => u.InputTokens), Output = g.Sum(u => u.OutputTokens), Thinking = g.Sum(u => u.ThinkingTokens ?? 0),
                    Cost = g.Sum(u => u.Cost ?? 0m), Ttft = g.Average(u => (double?)u.TimeToFirstTokenMs),
                    Failures = g.LongCount(u => u.Status == MessageStatus.Failed || u.Status == MessageStatus.Interrupted),
                })
                .ToListAsync(cancellationToken))
            .OrderByDescending(m => m.Cost).ThenBy(m => m.Model, StringComparer.Ordinal).ToList();
        var totals = new UsageTotals(
            models.Sum(m => m.Turns), models.Sum(m => m.Input), models.Sum(m => m.Output), models.Sum(m => m.Thinking), models.Sum(m => m.Cost), models.Sum(m => m.Failures));

        var days = new List<UsageDay>();
        for (var day = period.From; day <= period.To; day = day.AddDays(1))
        {
            var (start, end) = (CourseTimeZone.StartOfDay(day, zone), CourseTimeZone.StartOfDay(day.AddDays(1), zone));
            var perModel = await calls.Where(u => u.StartedAt >= start && u.StartedAt < end)
                .GroupBy(u => u.Model)
                .Select(g => new { Model = g.Key, Turns = g.LongCount(), Tokens = g.Sum(u => u.InputTokens + u.OutputTokens), Cost = g.Sum(u => u.Cost ?? 0m) })
                .ToListAsync(cancellationToken);
            days.AddRange(perModel.OrderBy(m => m.Model, StringComparer.Ordinal).Select(m => new UsageDay(day, m.Model, m.Turns, m.Tokens, m.Cost)));
        }

        var students = await StudentsAsync(db, courseId, calls, course.NearLimitShare, cancellationToken);
        logger.LogInformation("Usage of course {CourseId} read by {ActorId}: {Days} day(s), {Turns} call(s)", courseId, actorId, period.Days, totals.Turns);
        return new CourseUsageReport(courseId, course.Code, zone.Id, period, course.NearLimitShare, totals, days, students,
            [.. models.Select(m => new ModelUsage(m.Provider, m.Model, m.Turns, m.Input + m.Output, m.Cost, m.Ttft, m.Failures))]);
    }

    /// <summary>Every student of the course and anyone else with calls in the period; near-limit first, then by cost.</summary>
    private async Task<List<StudentUsage>> StudentsAsync(
        GrimoireDbContext db, Guid courseId, IQueryable<UsageRecord> calls, decimal nearLimitShare, CancellationToken cancellationToken)
    {
        var perStudent = await calls.GroupBy(u => u.UserId)
            .Select(g => new { UserId = g.Key, Turns = g.LongCount(), Tokens = g.Sum(u => u.InputTokens + u.OutputTokens), Cost = g.Sum(u => u.Cost ?? 0m), Last = g.Max(u => u.StartedAt) })
            .ToDictionaryAsync(s => s.UserId, cancellationToken);
        var callers = perStudent.Keys.ToList();
        var people = await db.Users.AsNoTracking()
            .Where(u => db.Enrollments.Any(e => e.CourseId == courseId && e.UserId == u.Id && e.Role == CourseRole.Student) || callers.Contains(u.Id))
            .Select(u => new { u.Id, u.DisplayName, u.Email })
            .ToListAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var rows = new List<StudentUsage>(people.Count);
        foreach (var person in people)
        {
            var budget = await BudgetReader.ReadForStudentAsync(db, person.Id, courseId, now, cancellationToken);
            var near = budget is { } b && (b.Limit <= 0m || b.Spent >= b.Limit * nearLimitShare);
            var used = perStudent.GetValueOrDefault(person.Id);
            rows.Add(new StudentUsage(person.Id, person.DisplayName, person.Email, used?.Turns ?? 0, used?.Tokens ?? 0, used?.Cost ?? 0m, used?.Last, budget, near));
        }

        return [.. rows.OrderByDescending(r => r.NearLimit).ThenByDescending(r => r.Cost)
            .ThenBy(r => r.Name, StringComparer.CurrentCultureIgnoreCase).ThenBy(r => r.Email, StringComparer.Ordinal)];
    }
}
