using System.Diagnostics.Metrics;
using Grimoire.Core.Courses.Admin;
using Grimoire.Core.Data;
using Grimoire.Core.Playground;
using Grimoire.Core.Usage.Dashboard;
using Grimoire.Llm.OpenRouter.Keys;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Grimoire.Core.Usage.Site;

/// <summary>
/// The site admin's usage figures (X1, issue 13 item 4): totals per course and per provider for a period of UTC days,
/// two grouped queries over the <see cref="UsageRecord"/>s' <c>StartedAt</c> index, and the OpenRouter management key's
/// remaining credit (<c>GET /api/v1/credits</c>). Site admins only, checked here from the database.
/// <para><b>Metrics.</b> <c>grimoire.usage.credit_reads</c> on the <c>Grimoire</c> meter, tagged <c>result</c>
/// (reported, unavailable, not_configured).</para>
/// Singleton.
/// </summary>
public sealed class SiteUsage
{
    private readonly IDbContextFactory<GrimoireDbContext> contextFactory;
    private readonly CourseAdminAccess access;
    private readonly IOpenRouterKeyClient openRouterKeys;
    private readonly ILogger<SiteUsage> logger;
    private readonly Counter<long> creditReads;

    public SiteUsage(
        IDbContextFactory<GrimoireDbContext> contextFactory, CourseAdminAccess access, IOpenRouterKeyClient openRouterKeys,
        PlaygroundRefusals refusals, ILogger<SiteUsage> logger)
    {
        ArgumentNullException.ThrowIfNull(refusals);
        (this.contextFactory, this.access, this.openRouterKeys, this.logger) = (contextFactory, access, openRouterKeys, logger);
        creditReads = refusals.Meter.CreateCounter<long>("grimoire.usage.credit_reads", "{read}",
            "Reads of the OpenRouter management key's remaining credit for the site admin, by result.");
    }

    public async Task<SiteUsageReport> ReadAsync(Guid actorId, UsagePeriod period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        await access.RequireSiteAdminAsync(actorId, cancellationToken);
        if (period.Days < 1 || period.Days > UsagePeriod.MaxDays)
        {
            throw new CourseValidationException(period.Days < 1
                ? $"The period is empty: {period.From:yyyy-MM-dd} is after {period.To:yyyy-MM-dd}."
                : $"Pick at most {UsagePeriod.MaxDays} days.");
        }

        var fromUtc = period.From.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var toUtc = period.To.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var calls = db.UsageRecords.AsNoTracking().Where(u => u.StartedAt >= fromUtc && u.StartedAt < toUtc);

        var perCourse = await calls.GroupBy(u => u.CourseId)
            .Select(g => new { CourseId = g.Key, Turns = g.LongCount(), Input = g.Sum(u => u.InputTokens), Output = g.Sum(u => u.OutputTokens), Cost = g.Sum(u => u.Cost ?? 0m) })
            .ToListAsync(cancellationToken);
        var ids = perCourse.Select(c => c.CourseId).ToList();
        var names = await db.Courses.AsNoTracking().Where(c => ids.Contains(c.Id))
            .Select(c => new { c.Id, c.Code, c.Name }).ToDictionaryAsync(c => c.Id, cancellationToken);
        var courses = perCourse
            .Select(c => names.TryGetValue(c.CourseId, out var n)
                ? new CourseSiteUsage(c.CourseId, n.Code, n.Name, c.Turns, c.Input, c.Output, c.Cost)
                : new CourseSiteUsage(c.CourseId, "(deleted)", "A course that no longer exists", c.Turns, c.Input, c.Output, c.Cost))
            .OrderByDescending(c => c.Cost).ThenBy(c => c.Code, StringComparer.Ordinal).ToList();

        var providers = (await calls.GroupBy(u => u.Provider)
                .Select(g => new { Provider = g.Key, Turns = g.LongCount(), Input = g.Sum(u => u.InputTokens), Output = g.Sum(u => u.OutputTokens), Cost = g.Sum(u => u.Cost ?? 0m) })
                .ToListAsync(cancellationToken))
            .Select(p => new SiteUsageRow(p.Provider, p.Turns, p.Input, p.Output, p.Cost))
            .OrderByDescending(p => p.Cost).ThenBy(p => p.Name, StringComparer.Ordinal).ToList();
        var totals = new SiteUsageRow("All", courses.Sum(c => c.Turns), courses.Sum(c => c.InputTokens), courses.Sum(c => c.OutputTokens), courses.Sum(c => c.Cost));

        var credit = await ReadCreditAsync(cancellationToken);
        logger.LogInformation("Site usage read by {ActorId}: {Days} day(s), {Turns} call(s) in {Courses} course(s); OpenRouter credit {Credit}",
            actorId, period.Days, totals.Turns, courses.Count, credit.State);
        return new SiteUsageReport(period, totals, courses, providers, credit);
    }

    private async Task<ProviderCredit> ReadCreditAsync(CancellationToken cancellationToken)
    {
        if (!openRouterKeys.IsConfigured)
        {
            creditReads.Add(1, new KeyValuePair<string, object?>("result", "not_configured"));
            return new ProviderCredit(ProviderCreditState.NotConfigured);
        }

        try
        {
            var credits = await openRouterKeys.GetCreditsAsync(cancellationToken);
            creditReads.Add(1, new KeyValuePair<string, object?>("result", "reported"));
            return new ProviderCredit(ProviderCreditState.Reported, credits.TotalCredits, credits.TotalUsage);
        }
        catch (OpenRouterKeyApiException ex)
        {
            // The exception's message is written to be shown and holds no key (OpenRouterKeyClient scrubs it).
            logger.LogWarning("OpenRouter credit could not be read: {Error}", ex.Error);
            creditReads.Add(1, new KeyValuePair<string, object?>("result", "unavailable"));
            return new ProviderCredit(ProviderCreditState.Unavailable, Problem: ex.Message);
        }
    }
}
