using System.Globalization;
using Grimoire.Core.Data;
using Grimoire.Core.Usage.Dashboard;
using Microsoft.EntityFrameworkCore;

namespace Grimoire.Core.Usage.Spend;

/// <summary>
/// The playground's sentence when the provider answers 402 (the budget is spent, issue 13 item 3, X1/X7): which budget,
/// and the date it resets — the key's or the course's reset period (budgets reset at midnight UTC, as OpenRouter
/// counts) shown in the course's time zone, so a student in Auckland reads their own date.
/// </summary>
public static class BudgetSpentMessage
{
    /// <summary>The sentence, or null when no budget with a reset is known (the provider's own sentence stands then).</summary>
    public static async Task<string?> ForAsync(
        GrimoireDbContext db, Guid userId, Guid courseId, string provider, DateTime nowUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var standings = await BudgetReader.ReadAsync(db, userId, courseId, provider, nowUtc, cancellationToken);
        if (standings.Count == 0)
        {
            return null;
        }

        var standing = standings.OrderBy(s => s.Remaining).First();
        var zoneId = await db.Courses.AsNoTracking().Where(c => c.Id == courseId).Select(c => c.TimeZoneId).SingleOrDefaultAsync(cancellationToken);
        return Write(standing, CourseTimeZone.Find(zoneId));
    }

    /// <summary>The sentence for <paramref name="standing"/>, its reset in <paramref name="zone"/>.</summary>
    public static string Write(BudgetStanding standing, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(standing);
        ArgumentNullException.ThrowIfNull(zone);
        var whose = standing.Scope == BudgetScope.Course ? "The course's budget" : "Your budget";
        if (standing.ResetsAt is not { } resets)
        {
            return $"{whose} is spent (the provider refused the call: 402). It does not reset on its own; ask your instructor for more.";
        }

        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(resets, DateTimeKind.Utc), zone);
        var when = local.ToString("dddd d MMMM yyyy 'at' HH:mm", CultureInfo.InvariantCulture);
        return $"{whose} is spent (the provider refused the call: 402). It resets on {when} ({zone.Id} time); ask your instructor if you need more sooner.";
    }
}
