using Grimoire.Core.Keys;
using Grimoire.Core.Playground;
using Grimoire.Core.Tests.Infrastructure;
using Grimoire.Core.Tests.Playground;
using Grimoire.Core.Usage;
using Grimoire.Core.Usage.Spend;
using Grimoire.Llm.Streaming;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;

namespace Grimoire.Core.Tests.Usage;

/// <summary>
/// Spend control (X7, X11): a call the known remaining budget cannot cover is refused before it is sent, parallel
/// sends cannot overshoot, and a reservation always settles — complete, failed or stopped.
/// </summary>
public abstract class SpendControlTests<TDatabase> : DatabaseTest<TDatabase> where TDatabase : TestDatabase, new()
{
    private PlaygroundScenario scenario = default!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        scenario = new PlaygroundScenario(Db);
        await scenario.SetUpAsync();
    }

    [Fact]
    public async Task Fifty_parallel_sends_with_budget_for_exactly_one_admit_exactly_one_X7()
    {
        var spend = Db.Get<SpendControl>();
        var request = Request(maxTokens: 1024);
        var worstCase = spend.WorstCase(request);
        Assert.True(worstCase > 0m);
        await SetBudgetsAsync(student: Math.Round(worstCase * 1.5m, 6, MidpointRounding.ToZero));

        var attempts = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => spend.TryReserveAsync(request, Ct))));

        var admitted = Assert.Single(attempts, a => a.Reservation is not null);
        Assert.Equal(49, attempts.Count(a => a.Refusal is not null));
        Assert.Equal(worstCase, admitted.Reservation!.Amount);
        Assert.Equal(1, spend.OpenReservations);
        admitted.Reservation.Dispose();
        Assert.Equal(0, spend.OpenReservations);
        Assert.NotNull((await spend.TryReserveAsync(request, Ct)).Reservation); // let go, the budget covers one again
    }

    [Fact]
    public async Task The_worst_case_is_the_prompt_at_the_input_price_plus_max_tokens_at_the_output_price_X7()
    {
        var spend = Db.Get<SpendControl>();
        var small = spend.WorstCase(Request(maxTokens: 100));
        var large = spend.WorstCase(Request(maxTokens: 1100));

        Assert.Equal(1000 * scenario.Swift.OutputPricePerMillion!.Value / 1_000_000m, large - small);
    }

    [Fact]
    public async Task A_send_the_budget_cannot_cover_is_refused_with_the_reset_date_and_stores_nothing_X7()
    {
        await SetBudgetsAsync(student: 0.000001m, reset: BudgetResetPeriod.Monthly);

        var start = await scenario.SendAsync("Hello", scenario.SwiftSettings()).RefusedAsync();

        var resets = BudgetPeriod.NextReset(BudgetResetPeriod.Monthly, DateTime.UtcNow)!.Value;
        Assert.Contains("Your budget has $0.000001 left", start.Message, StringComparison.Ordinal);
        Assert.Contains($"resets on {resets:yyyy-MM-dd}", start.Message, StringComparison.Ordinal);
        Assert.Contains("Lower max tokens", start.Message, StringComparison.Ordinal);
        Assert.Empty(await scenario.MessagesAsync());
        Assert.Equal(0, Db.Get<SpendControl>().OpenReservations);
        Assert.Equal(0, Db.Get<Grimoire.Core.Playground.Turns.StudentAnswerSlots>().InFlight(scenario.Student.Id)); // the slot went back too
    }

    [Fact]
    public async Task Spend_settles_to_the_real_cost_after_a_complete_a_failed_and_a_stopped_call_X7()
    {
        await SetBudgetsAsync(student: 10m, reset: BudgetResetPeriod.Daily);
        var spend = Db.Get<SpendControl>();

        await scenario.SendAndWaitAsync("One", scenario.SwiftSettings());
        Assert.Equal(0, spend.OpenReservations);
        await scenario.SendAndWaitAsync("/simulate 500", scenario.SwiftSettings());
        Assert.Equal(0, spend.OpenReservations);
        var running = await scenario.StartStreamingAsync();
        Assert.Equal(1, spend.OpenReservations); // held while the answer streams
        Assert.True(spend.ReservedFor(BudgetScope.Student, scenario.Student.Id, scenario.Course.Id, "simulated") > 0m);
        await scenario.StopAsync();
        Assert.Equal(0, spend.OpenReservations);

        await using var db = Db.CreateContext();
        var rows = await db.UsageRecords.AsNoTracking().OrderBy(r => r.StartedAt).ToListAsync(Ct);
        Assert.Equal([MessageStatus.Complete, MessageStatus.Failed, MessageStatus.Cancelled], rows.Select(r => r.Status));
        var standing = Assert.Single(await BudgetReader.ReadAsync(db, scenario.Student.Id, scenario.Course.Id, "simulated", DateTime.UtcNow, Ct));
        Assert.Equal(rows.Sum(r => r.Cost ?? 0m), standing.Spent);
        Assert.Equal(10m - standing.Spent, standing.Remaining);
        Assert.True(standing.Spent > 0m);
        _ = running;
    }

    [Fact]
    public async Task The_course_budget_counts_every_students_spend_and_earlier_periods_do_not_count_X7()
    {
        await SetBudgetsAsync(course: 1m, reset: BudgetResetPeriod.Daily);
        var now = DateTime.UtcNow;
        await AddUsageAsync(scenario.Classmate.Id, "simulated", 0.4m, now.AddMinutes(-1));
        await AddUsageAsync(scenario.Student.Id, "simulated", 0.3m, now.AddMinutes(-1));
        await AddUsageAsync(scenario.Student.Id, "simulated", 5m, BudgetPeriod.Start(BudgetResetPeriod.Daily, now)!.Value.AddSeconds(-1));
        await AddUsageAsync(scenario.Student.Id, "openrouter", 5m, now.AddMinutes(-1)); // the student's own key: not the course's budget

        await using var db = Db.CreateContext();
        var standing = Assert.Single(await BudgetReader.ReadAsync(db, scenario.Student.Id, scenario.Course.Id, "simulated", now, Ct));

        Assert.Equal((BudgetScope.Course, 0.7m), (standing.Scope, standing.Spent));
    }

    [Fact]
    public async Task A_student_keys_remaining_is_its_limit_minus_the_providers_spend_and_the_calls_settled_since_that_read_X7()
    {
        var now = DateTime.UtcNow;
        var readAt = now.AddMinutes(-10);
        await using (var db = Db.CreateContext())
        {
            db.StudentApiKeys.Add(new StudentApiKey
            {
                UserId = scenario.Student.Id, CourseId = scenario.Course.Id, Provider = "openrouter", EncryptedKey = [1, 2, 3], EncryptionKeyId = "test",
                ProviderKeyHash = "hash-1", BudgetLimit = 2m, BudgetResetPeriod = BudgetResetPeriod.Never, CreatedAt = now.AddDays(-3),
                SpendUsd = 1.25m, SpendReadAt = readAt,
            });
            await db.SaveChangesAsync(Ct);
        }

        await AddUsageAsync(scenario.Student.Id, "openrouter", 0.5m, readAt.AddMinutes(-1)); // already in the provider's figure
        await AddUsageAsync(scenario.Student.Id, "openrouter", 0.25m, readAt.AddMinutes(1));

        await using var context = Db.CreateContext();
        var standing = Assert.Single(await BudgetReader.ReadAsync(context, scenario.Student.Id, scenario.Course.Id, "openrouter", now, Ct));

        Assert.Equal((BudgetScope.StudentKey, 2m, 1.5m, 0.5m, (DateTime?)null), (standing.Scope, standing.Limit, standing.Spent, standing.Remaining, standing.ResetsAt));
        Assert.Equal(readAt, standing.ProviderSpendAsOf!.Value, TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public void Budget_periods_start_at_midnight_UTC_weeks_on_Monday_months_on_the_first()
    {
        var wednesday = new DateTime(2026, 12, 2, 15, 30, 0, DateTimeKind.Utc);
        Assert.Equal(new DateTime(2026, 12, 2, 0, 0, 0, DateTimeKind.Utc), BudgetPeriod.Start(BudgetResetPeriod.Daily, wednesday));
        Assert.Equal(new DateTime(2026, 11, 30, 0, 0, 0, DateTimeKind.Utc), BudgetPeriod.Start(BudgetResetPeriod.Weekly, wednesday));
        Assert.Equal(new DateTime(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc), BudgetPeriod.NextReset(BudgetResetPeriod.Monthly, wednesday));
        Assert.Null(BudgetPeriod.NextReset(BudgetResetPeriod.Never, wednesday));
    }

    private SpendRequest Request(int maxTokens) =>
        new(scenario.Student.Id, scenario.Course.Id, scenario.Swift, "Be brief.", [new ChatMessage(ChatRole.User, "Hello there")], maxTokens);

    private async Task SetBudgetsAsync(decimal? student = null, decimal? course = null, BudgetResetPeriod reset = BudgetResetPeriod.Never)
    {
        await using var db = Db.CreateContext();
        await db.Courses.Where(c => c.Id == scenario.Course.Id).ExecuteUpdateAsync(
            s => s.SetProperty(c => c.StudentBudget, student).SetProperty(c => c.CourseBudget, course).SetProperty(c => c.UsageBudgetReset, reset), Ct);
    }

    private async Task AddUsageAsync(Guid userId, string provider, decimal cost, DateTime finishedAt)
    {
        await using var db = Db.CreateContext();
        db.UsageRecords.Add(new UsageRecord
        {
            UserId = userId, CourseId = scenario.Course.Id, MessageId = Guid.CreateVersion7(), Provider = provider, Model = "m",
            Status = MessageStatus.Complete, StartedAt = finishedAt.AddSeconds(-1), FinishedAt = finishedAt, InputTokens = 1, OutputTokens = 1,
            Cost = cost, CostSource = CostSource.Provider,
        });
        await db.SaveChangesAsync(Ct);
    }
}

public sealed class SpendControlTestsOnSqlite : SpendControlTests<SqliteTestDatabase>;

public sealed class SpendControlTestsOnPostgres : SpendControlTests<PostgresTestDatabase>;
