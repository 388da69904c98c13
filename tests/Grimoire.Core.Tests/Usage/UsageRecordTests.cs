using Grimoire.Core.Audit;
using Grimoire.Core.Playground;
using Grimoire.Core.Tests.Audit;
using Grimoire.Core.Tests.Infrastructure;
using Grimoire.Core.Tests.Playground;
using Grimoire.Core.Usage;
using Grimoire.Llm.Streaming;
using Microsoft.EntityFrameworkCore;

namespace Grimoire.Core.Tests.Usage;

/// <summary>
/// Every provider call leaves one usage row, written with the answer's final state, that agrees with the call's archive
/// record (X1); <see cref="UsageRebuild"/> recreates exactly those rows from the archive, idempotently.
/// </summary>
public abstract class UsageRecordTests<TDatabase> : DatabaseTest<TDatabase> where TDatabase : TestDatabase, new()
{
    private PlaygroundScenario scenario = default!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        scenario = new PlaygroundScenario(Db);
        await scenario.SetUpAsync();
    }

    [Fact]
    public async Task A_complete_turn_writes_one_usage_row_matching_the_answer_and_its_archive_record_X1()
    {
        var answer = await scenario.SendAndWaitAsync("Explain recursion", scenario.ThinkerSettings());

        var row = Assert.Single(await RowsAsync());
        Assert.Equal(
            (scenario.Student.Id, scenario.Course.Id, scenario.Conversation.Id, answer.Id, scenario.Thinker.Id, "simulated", "simulated/thinker", MessageStatus.Complete),
            (row.UserId, row.CourseId, row.ConversationId, row.MessageId, row.ModelConfigId, row.Provider, row.Model, row.Status));
        Assert.Equal((answer.InputTokens, answer.OutputTokens, answer.ThinkingTokens, answer.Cost), ((int?)row.InputTokens, (int?)row.OutputTokens, (int?)row.ThinkingTokens, row.Cost));
        Assert.True(row.InputTokens > 0 && row.OutputTokens > 0 && row.Cost > 0m);
        Assert.Equal(CostSource.PriceList, row.CostSource);
        Assert.Equal(answer.FinishedAt, row.FinishedAt);
        Assert.Equal((int)(answer.FirstTokenAt!.Value - row.StartedAt).TotalMilliseconds, row.TimeToFirstTokenMs);

        var data = Assert.Single(ArchivedRecords.Read(Db, AuditKinds.ProviderCall)).GetProperty("data");
        Assert.Equal(row.StartedAt, Microseconds(data.Walk("timing", "startedAt").GetDateTime()));
        Assert.Equal((row.InputTokens, row.OutputTokens, row.Cost),
            (data.Walk("usage", "inputTokens").GetInt64(), data.Walk("usage", "outputTokens").GetInt64(), (decimal?)data.Walk("usage", "costUsd").GetDecimal()));
        Assert.Equal("PriceList", data.Text("usage", "costSource"));
    }

    [Fact]
    public async Task Failed_and_stopped_calls_leave_rows_with_their_status_X1()
    {
        await scenario.SendAndWaitAsync("/simulate 402", scenario.SwiftSettings());
        await scenario.StartStreamingAsync();
        await scenario.StopAsync();

        var rows = await RowsAsync();
        Assert.Equal([MessageStatus.Failed, MessageStatus.Cancelled], rows.Select(r => r.Status));
        Assert.Null(rows[0].TimeToFirstTokenMs);
        Assert.NotNull(rows[1].TimeToFirstTokenMs);
    }

    [Fact]
    public async Task The_rebuild_recreates_the_same_rows_from_the_archive_and_adds_nothing_the_second_time_X1()
    {
        await scenario.SendAndWaitAsync("One", scenario.SwiftSettings());
        await scenario.SendAndWaitAsync("Two", scenario.ThinkerSettings());
        await scenario.SendAndWaitAsync("/simulate 402", scenario.SwiftSettings());
        var written = await RowsAsync();
        await using (var db = Db.CreateContext())
        {
            await db.UsageRecords.Where(r => r.MessageId != written[0].MessageId).ExecuteDeleteAsync(Ct); // as if made before the table existed
        }

        var rebuild = Db.Get<UsageRebuild>();
        var first = await rebuild.RunAsync(null, Ct);
        var second = await rebuild.RunAsync(null, Ct);

        Assert.Equal((3L, 2L), (first.CallRecords, first.Added));
        Assert.Equal((3L, 0L), (second.CallRecords, second.Added));
        Assert.Empty(first.Unreadable);
        var rebuilt = await RowsAsync();
        Assert.Equal(written.Select(Comparable), rebuilt.Select(Comparable));
    }

    [Fact]
    public async Task The_rebuild_names_a_line_it_cannot_read_and_keeps_the_rest_X1()
    {
        await scenario.SendAndWaitAsync("One", scenario.SwiftSettings());
        await using (var db = Db.CreateContext())
        {
            await db.UsageRecords.ExecuteDeleteAsync(Ct);
        }

        await File.AppendAllTextAsync(ArchivedRecords.Files(Db)[0], "not a record\n", Ct);

        var result = await Db.Get<UsageRebuild>().RunAsync(null, Ct);

        Assert.Equal(1L, result.Added);
        Assert.Contains("line 2", Assert.Single(result.Unreadable), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_archive_folder_is_a_clear_error()
    {
        var missing = Path.Combine(Db.DataDirectory, "nowhere");
        var error = await Assert.ThrowsAsync<DirectoryNotFoundException>(() => Db.Get<UsageRebuild>().RunAsync(missing, Ct));
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    private async Task<List<UsageRecord>> RowsAsync()
    {
        await using var db = Db.CreateContext();
        return await db.UsageRecords.AsNoTracking().OrderBy(r => r.StartedAt).ToListAsync(Ct);
    }

    private static object Comparable(UsageRecord r) =>
        (r.UserId, r.CourseId, r.ConversationId, r.MessageId, r.ModelConfigId, r.Provider, r.Model, r.Status, r.StartedAt, r.FinishedAt,
            r.TimeToFirstTokenMs, r.InputTokens, r.OutputTokens, r.ThinkingTokens, r.CachedInputTokens, r.Cost, r.CostSource);

    private static DateTime Microseconds(DateTime value) => new(value.ToUniversalTime().Ticks - (value.ToUniversalTime().Ticks % 10), DateTimeKind.Utc);
}

public sealed class UsageRecordTestsOnSqlite : UsageRecordTests<SqliteTestDatabase>;

public sealed class UsageRecordTestsOnPostgres : UsageRecordTests<PostgresTestDatabase>;
