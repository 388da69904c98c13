using System.Security.Cryptography;
using System.Text;
using Grimoire.Core.Audit;
using Grimoire.Core.Playground;
using Grimoire.Core.Playground.Turns;
using Grimoire.Core.Tests.Infrastructure;
using Grimoire.Core.Tests.Playground;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Grimoire.Core.Tests.Audit;

/// <summary>Every provider call of a real turn lands in the archive as it ended, on both databases (AC4.3, AC4.4).</summary>
public abstract class AuditTurnTests<TDatabase> : DatabaseTest<TDatabase> where TDatabase : TestDatabase, new()
{
    private PlaygroundScenario scenario = default!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        scenario = new PlaygroundScenario(Db);
        await scenario.SetUpAsync();
    }

    [Fact]
    public async Task A_complete_turn_is_one_record_with_the_exact_request_the_response_usage_timings_and_ids_AC4_3()
    {
        var answer = await scenario.SendAndWaitAsync("Explain recursion\nwith an example", scenario.ThinkerSettings());

        var record = Assert.Single(ArchivedRecords.Read(Db));
        Assert.Equal(AuditKinds.ProviderCall, record.Text("kind"));
        Assert.Equal(
            (scenario.Student.Id, scenario.Course.Id, scenario.Conversation.WorkspaceId, scenario.Conversation.Id, answer.Id, scenario.Thinker.Id),
            (record.Id("userId"), record.Id("courseId"), record.Id("workspaceId"), record.Id("conversationId"), record.Id("messageId"), record.Id("modelConfigId")));

        var data = record.GetProperty("data");
        var messages = await scenario.MessagesAsync();
        Assert.Equal(messages[0].Id, data.GetProperty("userMessageId").GetGuid());
        Assert.Equal(("simulated", "simulated/thinker", "Complete"), (data.Text("provider"), data.Text("model"), data.Text("status")));
        Assert.Equal(answer.RequestBody, data.Text("request", "body"));
        Assert.Equal(answer.RequestUrl, data.Text("request", "url"));
        Assert.Equal(Encoding.UTF8.GetByteCount(answer.RequestBody!), data.Walk("request", "bodyBytes").GetInt32());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(answer.RequestBody!))), data.Text("request", "bodySha256"));
        Assert.Equal((answer.Content, answer.Thinking), (data.Text("response", "text"), data.Text("response", "thinking")));
        Assert.Equal("Stop", data.Text("response", "finishReason"));
        Assert.Equal(answer.GenerationId, data.Text("generationId"));
        Assert.Equal(
            (answer.InputTokens, answer.OutputTokens, answer.Cost),
            ((int?)data.Walk("usage", "inputTokens").GetInt64(), (int?)data.Walk("usage", "outputTokens").GetInt64(), (decimal?)data.Walk("usage", "costUsd").GetDecimal()));
        Assert.Equal(answer.FinishedAt, Microseconds(data.Walk("timing", "finishedAt").GetDateTime()));
        Assert.Equal(answer.FirstTokenAt, Microseconds(data.Walk("timing", "firstTokenAt").GetDateTime()));
        Assert.True(data.Walk("timing", "startedAt").GetDateTime() <= data.Walk("timing", "firstTokenAt").GetDateTime());
        Assert.Equal(data.Walk("timing", "finishedAt").GetDateTime(), record.GetProperty("at").GetDateTime());

        var verification = await AuditVerifier.VerifyAsync(ArchivedRecords.Directory(Db), Ct);
        Assert.True(verification.IsIntact, verification.FirstProblem?.ToString());
    }

    [Fact]
    public async Task The_archive_lives_in_the_data_folder_by_default_under_the_machines_node_id()
    {
        var options = Db.Get<IOptions<AuditOptions>>().Value;
        Assert.Equal(Path.Combine(Db.Get<Hosting.DataDirectory>().Path, "archive"), options.Directory);
        Assert.Equal(AuditFileName.NodeIdFrom(Environment.MachineName), options.NodeId);

        await scenario.SendAndWaitAsync("Hi", scenario.SwiftSettings());

        Assert.StartsWith($"audit.{options.NodeId}.000001.", Path.GetFileName(Assert.Single(ArchivedRecords.Files(Db))), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_turn_is_archived_with_the_providers_error_AC4_3()
    {
        var answer = await scenario.SendAndWaitAsync("/simulate 402", scenario.SwiftSettings());

        var data = Assert.Single(ArchivedRecords.Read(Db)).GetProperty("data");
        Assert.Equal(("Failed", answer.ErrorText), (data.Text("status"), data.Text("errorText")));
        Assert.Equal(("BudgetExhausted", 402), (data.Text("response", "failure", "kind"), data.Walk("response", "failure", "statusCode").GetInt32()));
        Assert.Equal(answer.RequestBody, data.Text("request", "body"));
    }

    [Fact]
    public async Task A_stopped_turn_is_archived_with_what_arrived_AC4_3()
    {
        Db.Get<IOptions<Grimoire.Llm.GrimoireProvidersOptions>>().Value.Simulated.DelayMs = 20;
        var start = await scenario.SendAsync("Tell me a long story", scenario.SwiftSettings(maxTokens: 8000));
        var live = await scenario.WaitForTextAsync();
        live.RequestStop();
        await scenario.WaitForTurnAsync();

        var answer = await scenario.MessageAsync(start.AssistantMessageId);
        var data = Assert.Single(ArchivedRecords.Read(Db)).GetProperty("data");
        Assert.Equal(("Cancelled", answer.Content), (data.Text("status"), data.Text("response", "text")));
        Assert.NotEmpty(answer.Content);
    }

    [Fact]
    public async Task A_turn_interrupted_by_shutdown_is_archived_before_the_shutdown_completes_AC4_3()
    {
        Db.Get<IOptions<Grimoire.Llm.GrimoireProvidersOptions>>().Value.Simulated.DelayMs = 20;
        await scenario.SendAsync("Tell me a long story", scenario.SwiftSettings(maxTokens: 8000));
        await scenario.WaitForTextAsync();

        await Db.Get<TurnExecution>().ShutdownAsync(CancellationToken.None);

        Assert.Equal("Interrupted", Assert.Single(ArchivedRecords.Read(Db)).Text("data", "status"));
    }

    [Fact]
    public async Task Editing_or_deleting_never_changes_an_archived_line_it_only_appends_AC4_4()
    {
        var first = await scenario.SendAndWaitAsync("My name is Ada.", scenario.ThinkerSettings());
        await scenario.SendAndWaitAsync("What is my name?", scenario.SwiftSettings());
        var before = ArchivedRecords.AllBytes(Db);
        var archive = Db.Get<AuditArchive>();

        // By hand, the records MessageEditor and a message deletion append (the archive side only; ordering is tested with them).
        await using (var db = Db.CreateContext())
        {
            await db.PlaygroundMessages.Where(m => m.Id == first.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Content, "Edited answer").SetProperty(m => m.EditedAt, DateTime.UtcNow), Ct);
        }

        var ids = AuditIds.For(scenario.Conversation, scenario.Student.Id, first.Id);
        await archive.AppendAsync(AuditEntries.MessageEdited(ids, DateTime.UtcNow, MessageRole.Assistant, [AuditChange.Content(first.Content, "Edited answer")]), Ct);
        var messages = await scenario.MessagesAsync();
        await archive.AppendAsync(AuditEntries.MessageDeleted(ids with { MessageId = messages[^1].Id }, DateTime.UtcNow, AuditMessageSnapshot.From(messages[^1])), Ct);
        await Db.Get<ConversationStore>().DeleteAsync(scenario.Student.Id, scenario.Conversation.Id, Ct); // appends its own record

        var after = ArchivedRecords.AllBytes(Db);
        Assert.Equal(before, after[..before.Length]);
        var records = ArchivedRecords.Read(Db);
        Assert.Equal([AuditKinds.ProviderCall, AuditKinds.ProviderCall, AuditKinds.MessageEdited, AuditKinds.MessageDeleted, AuditKinds.ConversationDeleted],
            records.Select(r => r.Text("kind")));
        var change = records[2].GetProperty("data").GetProperty("changes")[0];
        Assert.Equal(("content", first.Content, "Edited answer"), (change.Text("field"), change.Text("before"), change.Text("after")));
        Assert.Equal(first.Content, records[0].Text("data", "response", "text")); // the original stays in the archive
        Assert.Equal(messages[^1].Content, records[3].Text("data", "deleted", "content"));
        Assert.Equal(4, records[4].GetProperty("data").GetProperty("messages").GetArrayLength());
        Assert.True((await AuditVerifier.VerifyAsync(ArchivedRecords.Directory(Db), Ct)).IsIntact);
    }

    [Fact]
    public async Task A_regeneration_record_keeps_the_replaced_answer_and_the_later_messages_removed_AC6_3()
    {
        var first = await scenario.SendAndWaitAsync("One", scenario.SwiftSettings());
        await scenario.SendAndWaitAsync("Two", scenario.SwiftSettings());
        var messages = await scenario.MessagesAsync();

        await Db.Get<AuditArchive>().AppendAsync(AuditEntries.MessageRegenerated(
            AuditIds.For(scenario.Conversation, scenario.Student.Id, first.Id), DateTime.UtcNow, AuditMessageSnapshot.From(first),
            replacementMessageId: Guid.CreateVersion7(), usedOriginalSettings: true, [.. messages.Skip(2).Select(AuditMessageSnapshot.From)]), Ct);

        var data = ArchivedRecords.Read(Db, AuditKinds.MessageRegenerated).Single().GetProperty("data");
        Assert.Equal((first.Content, "Assistant"), (data.Text("replaced", "content"), data.Text("replaced", "role")));
        Assert.True(data.GetProperty("usedOriginalSettings").GetBoolean());
        Assert.Equal(["Two", messages[3].Content], data.GetProperty("laterMessagesRemoved").EnumerateArray().Select(m => m.Text("content")));
    }

    private static DateTime Microseconds(DateTime value) => new(value.Ticks - (value.Ticks % 10), DateTimeKind.Utc);
}

public sealed class AuditTurnTestsOnSqlite : AuditTurnTests<SqliteTestDatabase>;

public sealed class AuditTurnTestsOnPostgres : AuditTurnTests<PostgresTestDatabase>;
