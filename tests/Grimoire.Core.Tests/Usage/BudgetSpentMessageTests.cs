using Grimoire.Core.Keys;
using Grimoire.Core.Playground;
using Grimoire.Core.Tests.Infrastructure;
using Grimoire.Core.Tests.Playground;
using Grimoire.Core.Usage.Spend;
using Microsoft.EntityFrameworkCore;

namespace Grimoire.Core.Tests.Usage;

/// <summary>
/// A 402 from the provider (budget spent) ends the answer with a sentence naming the date the budget resets, from the
/// course's reset period shown in the course's time zone (issue 13 item 3, X1, X7).
/// </summary>
public abstract class BudgetSpentMessageTests<TDatabase> : DatabaseTest<TDatabase> where TDatabase : TestDatabase, new()
{
    private PlaygroundScenario scenario = default!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        scenario = new PlaygroundScenario(Db);
        await scenario.SetUpAsync();
    }

    [Fact]
    public async Task A_402_says_when_the_budget_resets_in_the_courses_time_zone_X7()
    {
        await using (var db = Db.CreateContext())
        {
            await db.Courses.Where(c => c.Id == scenario.Course.Id).ExecuteUpdateAsync(s => s
                .SetProperty(c => c.TimeZoneId, "Pacific/Auckland")
                .SetProperty(c => c.StudentBudget, 5m)
                .SetProperty(c => c.UsageBudgetReset, BudgetResetPeriod.Monthly), Ct);
        }

        var answer = await scenario.SendAndWaitAsync("/simulate 402", scenario.SwiftSettings());

        var now = DateTime.UtcNow;
        var resets = BudgetPeriod.NextReset(BudgetResetPeriod.Monthly, now)!.Value; // midnight UTC on the 1st
        var local = TimeZoneInfo.ConvertTimeFromUtc(resets, TimeZoneInfo.FindSystemTimeZoneById("Pacific/Auckland"));
        Assert.Equal(MessageStatus.Failed, answer.Status);
        Assert.StartsWith("Your budget is spent (the provider refused the call: 402). It resets on ", answer.ErrorText, StringComparison.Ordinal);
        Assert.Contains(local.ToString("d MMMM yyyy 'at' HH:mm", System.Globalization.CultureInfo.InvariantCulture) + " (Pacific/Auckland time)",
            answer.ErrorText, StringComparison.Ordinal);
        Assert.InRange(local.Hour, 12, 13); // midnight UTC is 13:00 in Auckland in its summer, 12:00 in winter
    }

    [Fact]
    public async Task Without_a_known_budget_the_providers_402_sentence_stands_X7()
    {
        var answer = await scenario.SendAndWaitAsync("/simulate 402", scenario.SwiftSettings());

        Assert.Equal(MessageStatus.Failed, answer.Status);
        Assert.StartsWith("Your course budget for this key is used up.", answer.ErrorText, StringComparison.Ordinal);
    }

    [Fact]
    public void A_budget_that_never_resets_says_so_and_a_course_budget_is_named_X7()
    {
        var never = BudgetSpentMessage.Write(new BudgetStanding(BudgetScope.Student, 1m, 1m, BudgetResetPeriod.Never, null, null), TimeZoneInfo.Utc);
        var course = BudgetSpentMessage.Write(
            new BudgetStanding(BudgetScope.Course, 1m, 1m, BudgetResetPeriod.Weekly, new DateTime(2026, 12, 7, 0, 0, 0, DateTimeKind.Utc), null),
            TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles"));

        Assert.Equal("Your budget is spent (the provider refused the call: 402). It does not reset on its own; ask your instructor for more.", never);
        Assert.Equal("The course's budget is spent (the provider refused the call: 402). It resets on Sunday 6 December 2026 at 16:00 (America/Los_Angeles time); ask your instructor if you need more sooner.", course);
    }
}

public sealed class BudgetSpentMessageTestsOnSqlite : BudgetSpentMessageTests<SqliteTestDatabase>;

public sealed class BudgetSpentMessageTestsOnPostgres : BudgetSpentMessageTests<PostgresTestDatabase>;
