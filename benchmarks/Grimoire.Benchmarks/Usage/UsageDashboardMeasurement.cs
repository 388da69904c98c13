using System.Diagnostics;
using System.Globalization;
using Grimoire.Core.Data;
using Grimoire.Core.Playground;
using Grimoire.Core.Usage;
using Grimoire.Core.Usage.Dashboard;
using Grimoire.Core.Usage.Site;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Grimoire.Benchmarks.Usage;

/// <summary>
/// <c>--usage-dashboard</c> (issue 13, X1): the dashboard's panel queries on 1,000,000 usage rows, p50/p99 per panel as
/// a ratio against a bare <c>COUNT(*)</c> of the same rows in the same process, on SQLite and (when
/// <c>GRIMOIRE_TEST_POSTGRES</c> is set) PostgreSQL, then each filter's query plan. Panels are the queries
/// <see cref="CourseUsage"/> and <see cref="SiteUsage"/> run, over the last 30 days of the semester.
/// </summary>
internal static class UsageDashboardMeasurement
{
    private const int Warmup = 2;
    private const int Samples = 15;

    public static async Task RunAsync()
    {
        await RunOnAsync("SQLite", null);
        if (Environment.GetEnvironmentVariable("GRIMOIRE_TEST_POSTGRES") is { Length: > 0 } postgres)
        {
            await RunOnAsync("PostgreSQL", postgres);
        }
    }

    private static async Task RunOnAsync(string name, string? postgres)
    {
        var fill = Stopwatch.StartNew();
        await using var usage = await UsageDatabase.StartAsync(postgres);
        Console.WriteLine($"## {name}: {UsageDatabase.Rows:N0} rows filled in {fill.Elapsed.TotalSeconds:0} s");
        var (from, to) = (usage.SemesterEnd.AddDays(-30), usage.SemesterEnd);
        var courseId = usage.CourseId;
        IQueryable<UsageRecord> Course(GrimoireDbContext db) =>
            db.UsageRecords.AsNoTracking().Where(u => u.CourseId == courseId && u.StartedAt >= from && u.StartedAt < to);
        IQueryable<UsageRecord> Site(GrimoireDbContext db) =>
            db.UsageRecords.AsNoTracking().Where(u => u.StartedAt >= from && u.StartedAt < to);

        await using var probe = usage.CreateContext();
        var courseRows = await Course(probe).LongCountAsync();
        var siteRows = await Site(probe).LongCountAsync();
        Console.WriteLine($"30 days: {courseRows:N0} rows of the course, {siteRows:N0} of the site");

        var courseBaseline = await TimeAsync(usage, db => Course(db).LongCountAsync());
        var siteBaseline = await TimeAsync(usage, db => Site(db).LongCountAsync());
        var panels = new List<(string Panel, (double P50, double P99) Time, (double P50, double P99) Baseline)>
        {
            ("Course COUNT(*) (baseline)", courseBaseline, courseBaseline),
            ("Course per model", await TimeAsync(usage, db => Course(db).GroupBy(u => new { u.Provider, u.Model })
                .Select(g => new { g.Key.Provider, g.Key.Model, Turns = g.LongCount(), Input = g.Sum(u => u.InputTokens), Output = g.Sum(u => u.OutputTokens),
                    Thinking = g.Sum(u => u.ThinkingTokens ?? 0), Cost = g.Sum(u => u.Cost ?? 0m), Ttft = g.Average(u => (double?)u.TimeToFirstTokenMs),
                    Failures = g.LongCount(u => u.Status == MessageStatus.Failed || u.Status == MessageStatus.Interrupted) }).ToListAsync()), courseBaseline),
            ("Course per student", await TimeAsync(usage, db => Course(db).GroupBy(u => u.UserId)
                .Select(g => new { g.Key, Turns = g.LongCount(), Tokens = g.Sum(u => u.InputTokens + u.OutputTokens), Cost = g.Sum(u => u.Cost ?? 0m), Last = g.Max(u => u.StartedAt) })
                .ToListAsync()), courseBaseline),
            ("Course per day (30 queries)", await TimeAsync(usage, async db =>
            {
                for (var day = from; day < to; day = day.AddDays(1))
                {
                    var (start, end) = (day, day.AddDays(1));
                    await Course(db).Where(u => u.StartedAt >= start && u.StartedAt < end).GroupBy(u => u.Model)
                        .Select(g => new { g.Key, Turns = g.LongCount(), Tokens = g.Sum(u => u.InputTokens + u.OutputTokens), Cost = g.Sum(u => u.Cost ?? 0m) }).ToListAsync();
                }

                return 0;
            }), courseBaseline),
            ("Whole course dashboard (CourseUsage.ReadAsync)", await TimeAsync(usage, _ => usage.Services.GetRequiredService<CourseUsage>()
                .ReadAsync(usage.InstructorId, courseId, new UsagePeriod(DateOnly.FromDateTime(from), DateOnly.FromDateTime(to.AddDays(-1))), CancellationToken.None)), courseBaseline),
            ("Site COUNT(*) (baseline)", siteBaseline, siteBaseline),
            ("Site per course", await TimeAsync(usage, db => Site(db).GroupBy(u => u.CourseId)
                .Select(g => new { g.Key, Turns = g.LongCount(), Input = g.Sum(u => u.InputTokens), Output = g.Sum(u => u.OutputTokens), Cost = g.Sum(u => u.Cost ?? 0m) }).ToListAsync()), siteBaseline),
            ("Site per provider", await TimeAsync(usage, db => Site(db).GroupBy(u => u.Provider)
                .Select(g => new { g.Key, Turns = g.LongCount(), Input = g.Sum(u => u.InputTokens), Output = g.Sum(u => u.OutputTokens), Cost = g.Sum(u => u.Cost ?? 0m) }).ToListAsync()), siteBaseline),
        };

        Console.WriteLine("| Panel | p50 ms | p99 ms | p50 ratio | p99 ratio |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var (panel, time, baseline) in panels)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {panel} | {time.P50:0.0} | {time.P99:0.0} | {time.P50 / baseline.P50:0.0}x | {time.P99 / baseline.P99:0.0}x |"));
        }

        Console.WriteLine();
        await PlansAsync(usage, postgres is not null, courseId, from, to);
        Console.WriteLine();
    }

    /// <summary>p50 and p99 (of <see cref="Samples"/> runs, so p99 is the slowest) in milliseconds, each run on a new context.</summary>
    private static async Task<(double P50, double P99)> TimeAsync<T>(UsageDatabase usage, Func<GrimoireDbContext, Task<T>> query)
    {
        var times = new List<double>(Samples);
        for (var i = 0; i < Warmup + Samples; i++)
        {
            await using var db = usage.CreateContext();
            var watch = Stopwatch.StartNew();
            await query(db);
            if (i >= Warmup)
            {
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        times.Sort();
        return (times[(times.Count - 1) / 2], times[(int)Math.Ceiling(0.99 * times.Count) - 1]);
    }

    private static async Task PlansAsync(UsageDatabase usage, bool postgres, Guid courseId, DateTime from, DateTime to)
    {
        var (f, t) = (from.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), to.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        var course = postgres ? $"'{courseId}'" : $"'{courseId.ToString().ToUpperInvariant()}'";
        var stamp = postgres ? "::timestamptz" : "";
        var zone = postgres ? "+00" : "";
        var queries = new[]
        {
            ("course panels", $"SELECT \"Model\", COUNT(*), SUM(\"InputTokens\") FROM \"UsageRecords\" WHERE \"CourseId\" = {course} AND \"StartedAt\" >= '{f}{zone}'{stamp} AND \"StartedAt\" < '{t}{zone}'{stamp} GROUP BY \"Provider\", \"Model\""),
            ("site panels", $"SELECT \"Provider\", COUNT(*), SUM(\"InputTokens\") FROM \"UsageRecords\" WHERE \"StartedAt\" >= '{f}{zone}'{stamp} AND \"StartedAt\" < '{t}{zone}'{stamp} GROUP BY \"Provider\""),
        };
        await using var db = usage.CreateContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        foreach (var (label, sql) in queries)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = (postgres ? "EXPLAIN " : "EXPLAIN QUERY PLAN ") + sql;
            await using var reader = await command.ExecuteReaderAsync();
            Console.WriteLine($"Plan ({label}):");
            while (await reader.ReadAsync())
            {
                Console.WriteLine("    " + reader.GetValue(reader.FieldCount - 1));
            }
        }
    }
}
