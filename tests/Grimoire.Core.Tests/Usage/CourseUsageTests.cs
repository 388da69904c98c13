using Grimoire.Core.Audit;
using Grimoire.Core.Courses.Admin;
using Grimoire.Core.Playground;
using Grimoire.Core.Playground.Turns;
using Grimoire.Core.Tests.Audit;
using Grimoire.Core.Tests.Infrastructure;
using Grimoire.Core.Tests.Playground;
using Grimoire.Core.Usage;
using Grimoire.Core.Usage.Dashboard;
using Grimoire.Llm.Streaming;
using Microsoft.EntityFrameworkCore;

namespace Grimoire.Core.Tests.Usage;

/// <summary>
/// The course usage dashboard's figures (X1): per day in the course's time zone, per student and per model, agreeing
/// with the archive's provider-call records for the same filter; readable by staff only.
/// </summary>
public abstract class CourseUsageTests<TDatabase> : DatabaseTest<TDatabase> where TDatabase : TestDatabase, new()
{
    private PlaygroundScenario scenario = default!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        scenario = new PlaygroundScenario(Db);
        await scenario.SetUpAsync();
    }

    [Theory]
    [InlineData("Pacific/Auckland", "2026-12-01:1 2026-12-02:2")]
    [InlineData("America/Los_Angeles", "2026-12-01:3")]
    [InlineData("UTC", "2026-12-01:2 2026-12-02:1")]
    public async Task Days_are_the_courses_days_in_its_time_zone_though_times_are_stored_in_UTC_X1(string zone, string expected)
    {
        await SetCourseAsync(zone);
        await AddAsync(scenario.Student.Id, "m/a", 0.1m, new DateTime(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc)); // NZ 23:00 1st, LA 02:00 1st
        await AddAsync(scenario.Student.Id, "m/a", 0.2m, new DateTime(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc)); // NZ 01:00 2nd, LA 04:00 1st
        await AddAsync(scenario.Classmate.Id, "m/a", 0.4m, new DateTime(2026, 12, 2, 7, 0, 0, DateTimeKind.Utc)); // NZ 20:00 2nd, LA 23:00 1st
        await AddAsync(scenario.Classmate.Id, "m/a", 8m, new DateTime(2026, 12, 3, 12, 0, 0, DateTimeKind.Utc)); // after the period everywhere

        var report = await ReadAsync(new UsagePeriod(new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 2)));

        Assert.Equal(expected, string.Join(' ', report.Days.Select(d => $"{d.Day:yyyy-MM-dd}:{d.Turns}")));
        Assert.Equal(zone, report.TimeZoneId);
        Assert.Equal(report.Days.Sum(d => d.Cost), report.Totals.Cost);
        Assert.Equal(0.7m, report.Totals.Cost); // the call on the 3rd is outside the period in every zone
    }

    [Fact]
    public async Task Per_student_and_per_model_figures_stack_by_model_with_failure_rate_and_time_to_first_token_X1()
    {
        var now = DateTime.UtcNow;
        var at = new DateTime(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, DateTimeKind.Utc).AddMinutes(-30); // whole seconds: stored exactly
        await AddAsync(scenario.Student.Id, "m/a", 0.10m, at, ttft: 100);
        await AddAsync(scenario.Student.Id, "m/b", 0.30m, at.AddMinutes(1), ttft: 300, status: MessageStatus.Failed);
        await AddAsync(scenario.Classmate.Id, "m/a", 0.20m, at.AddMinutes(2), ttft: 200);

        var report = await ReadAsync(Today());

        var a = Assert.Single(report.Models, m => m.Model == "m/a");
        var b = Assert.Single(report.Models, m => m.Model == "m/b");
        Assert.Equal((2L, 40L, 0.30m, 150d, 0d), (a.Turns, a.Tokens, a.Cost, a.AverageTimeToFirstTokenMs!.Value, a.FailureRate));
        Assert.Equal((1L, 1d), (b.Turns, b.FailureRate));
        Assert.Equal(["m/a", "m/b"], report.Days.Select(d => d.Model));
        var alex = Assert.Single(report.Students, s => s.UserId == scenario.Student.Id);
        Assert.Equal((2L, 40L, 0.40m, at.AddMinutes(1)), (alex.Turns, alex.Tokens, alex.Cost, alex.LastActiveAt!.Value));
        Assert.Equal(3, report.Students.Count(s => s.Email.EndsWith("@" + Grimoire.Core.Demo.DemoData.Domain, StringComparison.Ordinal))); // every student, with calls or not
        Assert.Equal((3L, 1L, 0.60m), (report.Totals.Turns, report.Totals.Failures, report.Totals.Cost));
    }

    [Fact]
    public async Task Students_at_or_above_the_near_limit_share_of_their_budget_come_first_X1()
    {
        await SetCourseAsync("UTC", studentBudget: 1m, share: 0.8m);
        var at = DateTime.UtcNow.AddMinutes(-5);
        await AddAsync(scenario.Student.Id, "m/a", 0.90m, at, provider: "simulated");
        await AddAsync(scenario.Classmate.Id, "m/a", 0.79m, at, provider: "simulated");

        var report = await ReadAsync(Today());

        var first = report.Students[0];
        Assert.Equal((scenario.Student.Id, true, 0.90m, 0.10m), (first.UserId, first.NearLimit, first.SpentThisPeriod!.Value, first.Remaining!.Value));
        Assert.False(Assert.Single(report.Students, s => s.UserId == scenario.Classmate.Id).NearLimit);
    }

    [Fact]
    public async Task The_figures_agree_with_the_archives_records_for_the_same_course_and_period_X1()
    {
        await scenario.SendAndWaitAsync("One", scenario.SwiftSettings());
        await scenario.SendAndWaitAsync("Two", scenario.ThinkerSettings());
        await scenario.SendAndWaitAsync("/simulate 500", scenario.SwiftSettings());
        var theirs = await Db.Get<ConversationStore>().CreateAsync(scenario.Classmate.Id, scenario.Course.Id, Ct);
        var start = await Db.Get<TurnRunner>().StartAsync(scenario.Classmate.Id, theirs.Id, "Hello", "", scenario.SwiftSettings(), Ct);
        await (Grimoire.Core.Tests.Playground.LiveTurnHubTestExtensions.LocalTurn(Db.Get<Grimoire.Core.Playground.Live.ILiveTurnHub>(), theirs.Id)?.Completion ?? Task.CompletedTask).WaitAsync(TimeSpan.FromMinutes(1));

        var report = await ReadAsync(Today());

        var records = ArchivedRecords.Read(Db, AuditKinds.ProviderCall).Where(r => r.Id("courseId") == scenario.Course.Id).ToList();
        decimal Cost(System.Text.Json.JsonElement r) => r.Walk("data", "usage", "costUsd") is { ValueKind: System.Text.Json.JsonValueKind.Number } c ? c.GetDecimal() : 0m;
        long Tokens(System.Text.Json.JsonElement r) => r.Walk("data", "usage") is { ValueKind: System.Text.Json.JsonValueKind.Object } u
            ? u.GetProperty("inputTokens").GetInt64() + u.GetProperty("outputTokens").GetInt64() : 0;
        Assert.Equal((4L, records.Sum(Tokens), records.Sum(Cost)), (report.Totals.Turns, report.Totals.Tokens, report.Totals.Cost));
        Assert.True(report.Totals.Cost > 0m);
        foreach (var student in new[] { scenario.Student.Id, scenario.Classmate.Id })
        {
            var mine = records.Where(r => r.Id("userId") == student).ToList();
            var row = Assert.Single(report.Students, s => s.UserId == student);
            Assert.Equal((mine.Count, mine.Sum(Tokens), mine.Sum(Cost)), ((int)row.Turns, row.Tokens, row.Cost));
        }

        foreach (var model in report.Models)
        {
            var theirsRecords = records.Where(r => r.Text("data", "model") == model.Model).ToList();
            Assert.Equal((theirsRecords.Count, theirsRecords.Count(r => r.Text("data", "status") == "Failed")), ((int)model.Turns, (int)model.Failures));
        }
    }

    [Fact]
    public async Task Students_cannot_read_the_dashboard_and_tutors_and_instructors_can_X1()
    {
        await Assert.ThrowsAsync<CourseAccessDeniedException>(() =>
            Db.Get<CourseUsage>().ReadAsync(scenario.Student.Id, scenario.Course.Id, Today(), Ct));
        Assert.Equal(scenario.Course.Id, (await ReadAsync(Today())).CourseId);
    }

    [Fact]
    public async Task A_reversed_or_too_long_period_is_refused_with_a_sentence()
    {
        var reversed = await Assert.ThrowsAsync<CourseValidationException>(() => ReadAsync(new UsagePeriod(new DateOnly(2026, 12, 2), new DateOnly(2026, 12, 1))));
        Assert.Equal("The period is empty: 2026-12-02 is after 2026-12-01.", reversed.Message);
        await Assert.ThrowsAsync<CourseValidationException>(() => ReadAsync(new UsagePeriod(new DateOnly(2025, 1, 1), new DateOnly(2026, 12, 1))));
    }

    [Fact]
    public async Task The_csv_tables_quote_fields_and_defuse_formulas_X1()
    {
        await using (var db = Db.CreateContext())
        {
            await db.Users.Where(u => u.Id == scenario.Student.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.DisplayName, "=HYPERLINK(\"x\",\"y\")"), Ct);
        }

        await AddAsync(scenario.Student.Id, "m/a", 0.125m, DateTime.UtcNow.AddMinutes(-1));
        var report = await ReadAsync(Today());

        var students = UsageCsv.Write(report, UsageCsv.Students)!;
        Assert.StartsWith("name,email,turns,tokens,cost_usd,", students, StringComparison.Ordinal);
        Assert.Contains("\r\n\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\",alex@", students, StringComparison.Ordinal);
        Assert.Contains(",1,20,0.125,", students, StringComparison.Ordinal);
        Assert.Contains("\r\nsimulated,m/a,1,20,0.125,", UsageCsv.Write(report, UsageCsv.Models)!, StringComparison.Ordinal);
        Assert.Null(UsageCsv.Write(report, "secrets"));
    }

    private Task<CourseUsageReport> ReadAsync(UsagePeriod period) =>
        Db.Get<CourseUsage>().ReadAsync(scenario.Instructor.Id, scenario.Course.Id, period, Ct);

    private static UsagePeriod Today()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        return new UsagePeriod(today.AddDays(-1), today.AddDays(1));
    }

    private async Task SetCourseAsync(string zone, decimal? studentBudget = null, decimal share = 0.8m)
    {
        await using var db = Db.CreateContext();
        await db.Courses.Where(c => c.Id == scenario.Course.Id).ExecuteUpdateAsync(
            s => s.SetProperty(c => c.TimeZoneId, zone).SetProperty(c => c.StudentBudget, studentBudget).SetProperty(c => c.NearLimitShare, share), Ct);
    }

    private async Task AddAsync(
        Guid userId, string model, decimal cost, DateTime startedAt, int? ttft = null, MessageStatus status = MessageStatus.Complete, string provider = "simulated")
    {
        await using var db = Db.CreateContext();
        db.UsageRecords.Add(new UsageRecord
        {
            UserId = userId, CourseId = scenario.Course.Id, MessageId = Guid.CreateVersion7(), Provider = provider, Model = model, Status = status,
            StartedAt = startedAt, FinishedAt = startedAt.AddSeconds(2), TimeToFirstTokenMs = ttft, InputTokens = 15, OutputTokens = 5,
            Cost = cost, CostSource = CostSource.PriceList,
        });
        await db.SaveChangesAsync(Ct);
    }
}

public sealed class CourseUsageTestsOnSqlite : CourseUsageTests<SqliteTestDatabase>;

public sealed class CourseUsageTestsOnPostgres : CourseUsageTests<PostgresTestDatabase>;
