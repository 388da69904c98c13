using System.Text.Json;
using Grimoire.Core.Audit;
using Grimoire.Core.Courses;
using Grimoire.Core.Courses.Admin;
using Grimoire.Core.Demo;
using Grimoire.Core.Playground;
using Grimoire.Core.Tests.Audit;
using Grimoire.Core.Tests.Infrastructure;
using Grimoire.Core.Tests.Playground;
using Grimoire.Core.Usage;
using Grimoire.Core.Usage.Dashboard;
using Grimoire.Core.Usage.Site;
using Grimoire.Llm.Streaming;
using Microsoft.EntityFrameworkCore;

namespace Grimoire.Core.Tests.Usage;

/// <summary>
/// The site admin's totals per course and per provider (issue 13 item 4, X1): UTC days, agreeing with the usage rows
/// and with the archive's provider-call records for the same period; site admins only.
/// </summary>
public abstract class SiteUsageTests<TDatabase> : DatabaseTest<TDatabase> where TDatabase : TestDatabase, new()
{
    private PlaygroundScenario scenario = default!;
    private Guid adminId;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        scenario = new PlaygroundScenario(Db);
        await scenario.SetUpAsync();
        await using var db = Db.CreateContext();
        adminId = await db.Users.Where(u => u.Email == "admin@" + DemoData.Domain).Select(u => u.Id).SingleAsync(Ct);
    }

    [Fact]
    public async Task Totals_per_course_and_provider_are_the_sums_of_the_usage_rows_in_the_periods_UTC_days_X1()
    {
        var other = await AddCourseAsync("OTHER-200");
        var day = new DateTime(2026, 6, 10, 0, 0, 0, DateTimeKind.Utc);
        await AddAsync(scenario.Course.Id, "openrouter", 0.10m, day.AddMinutes(1));
        await AddAsync(scenario.Course.Id, "simulated", 0.20m, day.AddHours(23).AddMinutes(59));
        await AddAsync(other, "openrouter", 0.40m, day.AddDays(1).AddHours(12));
        await AddAsync(other, "anthropic", 8m, day.AddDays(2)); // the first instant after the period
        await AddAsync(scenario.Course.Id, "anthropic", 16m, day.AddTicks(-10)); // just before it

        var report = await ReadAsync(new UsagePeriod(new DateOnly(2026, 6, 10), new DateOnly(2026, 6, 11)));

        Assert.Equal((3L, 60L, 0.70m), (report.Totals.Turns, report.Totals.Tokens, report.Totals.Cost));
        Assert.Equal(["OTHER-200:1:0.40", "DEMO-101:2:0.30"],
            report.Courses.Select(c => $"{c.Code}:{c.Turns}:{c.Cost:0.00}"));
        Assert.Equal(["openrouter:2:0.50", "simulated:1:0.20"],
            report.Providers.Select(p => $"{p.Name}:{p.Turns}:{p.Cost:0.00}"));

        await using var db = Db.CreateContext();
        var (from, to) = (day, day.AddDays(2));
        var rows = await db.UsageRecords.Where(u => u.StartedAt >= from && u.StartedAt < to).ToListAsync(Ct);
        Assert.Equal((rows.Count, rows.Sum(r => r.InputTokens + r.OutputTokens), rows.Sum(r => r.Cost ?? 0m)),
            ((int)report.Totals.Turns, report.Totals.Tokens, report.Totals.Cost));
    }

    [Fact]
    public async Task Totals_agree_with_the_archives_provider_call_records_for_the_same_period_X1()
    {
        await scenario.SendAndWaitAsync("One", scenario.SwiftSettings());
        await scenario.SendAndWaitAsync("Two", scenario.ThinkerSettings());
        await scenario.SendAndWaitAsync("/simulate 500", scenario.SwiftSettings());
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        var report = await ReadAsync(new UsagePeriod(today.AddDays(-1), today.AddDays(1)));

        var records = ArchivedRecords.Read(Db, AuditKinds.ProviderCall).ToList();
        static decimal Cost(JsonElement r) => r.Walk("data", "usage", "costUsd") is { ValueKind: JsonValueKind.Number } c ? c.GetDecimal() : 0m;
        static long Tokens(JsonElement r) => r.Walk("data", "usage") is { ValueKind: JsonValueKind.Object } u
            ? u.GetProperty("inputTokens").GetInt64() + u.GetProperty("outputTokens").GetInt64() : 0;
        Assert.Equal(3, records.Count);
        Assert.Equal((3L, records.Sum(Tokens), records.Sum(Cost)), (report.Totals.Turns, report.Totals.Tokens, report.Totals.Cost));
        var course = Assert.Single(report.Courses);
        Assert.Equal((scenario.Course.Id, report.Totals.Cost), (course.CourseId, course.Cost));
        var provider = Assert.Single(report.Providers);
        Assert.Equal(("simulated", 3L), (provider.Name, provider.Turns));
        Assert.True(report.Totals.Cost > 0m);
    }

    [Fact]
    public async Task Only_site_admins_read_the_site_totals_X1()
    {
        var period = new UsagePeriod(new DateOnly(2026, 6, 10), new DateOnly(2026, 6, 11));
        foreach (var person in new[] { scenario.Instructor.Id, scenario.Student.Id })
        {
            await Assert.ThrowsAsync<CourseAccessDeniedException>(() => Db.Get<SiteUsage>().ReadAsync(person, period, Ct));
        }

        var report = await ReadAsync(period);
        Assert.Equal(ProviderCreditState.NotConfigured, report.OpenRouterCredit.State); // no management key in these tests
        await Assert.ThrowsAsync<CourseValidationException>(() => ReadAsync(new UsagePeriod(new DateOnly(2026, 6, 11), new DateOnly(2026, 6, 10))));
    }

    private Task<SiteUsageReport> ReadAsync(UsagePeriod period) => Db.Get<SiteUsage>().ReadAsync(adminId, period, Ct);

    private async Task<Guid> AddCourseAsync(string code)
    {
        await using var db = Db.CreateContext();
        var course = new Course { Code = code, Name = "Another course" };
        db.Courses.Add(course);
        await db.SaveChangesAsync(Ct);
        return course.Id;
    }

    private async Task AddAsync(Guid courseId, string provider, decimal cost, DateTime startedAt)
    {
        await using var db = Db.CreateContext();
        db.UsageRecords.Add(new UsageRecord
        {
            UserId = scenario.Student.Id, CourseId = courseId, MessageId = Guid.CreateVersion7(), Provider = provider, Model = "m/a",
            Status = MessageStatus.Complete, StartedAt = startedAt, FinishedAt = startedAt, InputTokens = 15, OutputTokens = 5,
            Cost = cost, CostSource = CostSource.PriceList,
        });
        await db.SaveChangesAsync(Ct);
    }
}

public sealed class SiteUsageTestsOnSqlite : SiteUsageTests<SqliteTestDatabase>;

public sealed class SiteUsageTestsOnPostgres : SiteUsageTests<PostgresTestDatabase>;
