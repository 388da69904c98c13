using Grimoire.Core.Audit;
using Grimoire.Core.Audit.Anchors;
using Grimoire.Core.Playground;
using Grimoire.Core.Playground.Recording;
using Grimoire.Core.Tests.Audit;
using Grimoire.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Grimoire.Core.Tests.Playground.Recording;

/// <summary>
/// The one implementation of "the archive record before the database shows a state" (AC4.4, X5, issue 16 item 1), on
/// both databases. The ledger itself, and the turn's end through it. The other paths have their test beside their
/// service, each with a failing archive: the sweep and deletion in <see cref="AuditCompletenessTests{TDatabase}"/>,
/// the edit in <see cref="MessageEditorTests{TDatabase}"/>, regeneration in <see cref="RegenerationTests{TDatabase}"/>,
/// branching in <see cref="ConversationForksTests{TDatabase}"/>.
/// </summary>
public abstract class ConversationLedgerTests<TDatabase> : DatabaseTest<TDatabase> where TDatabase : TestDatabase, new()
{
    [Fact]
    public async Task A_change_commits_with_its_record_and_the_anchor_at_that_record_AC4_4()
    {
        var scenario = await ScenarioAsync();

        var written = await RenameThroughLedgerAsync(scenario, "Renamed", decline: false);

        Assert.Equal(LedgerWrite.Committed, written);
        Assert.Equal("Renamed", await TitleAsync(scenario));
        Assert.Single(ArchivedRecords.Read(Db, AuditKinds.MessageEdited));
        var verification = await Db.Get<AnchoredAuditVerifier>().VerifyAsync(ArchivedRecords.Directory(Db), Ct);
        Assert.True(verification.IsIntact, verification.FirstProblem?.ToString());
        Assert.Equal(verification.Chains[0].LastSequence, verification.Chains[0].AnchoredSequence);
    }

    [Fact]
    public async Task A_change_that_declines_leaves_the_database_and_the_archive_as_they_were()
    {
        var scenario = await ScenarioAsync();
        var before = await TitleAsync(scenario);

        var written = await RenameThroughLedgerAsync(scenario, "Never shown", decline: true);

        Assert.Equal(LedgerWrite.Abandoned, written);
        Assert.Equal(before, await TitleAsync(scenario));
        Assert.Empty(ArchivedRecords.Read(Db, AuditKinds.MessageEdited));
    }

    [Fact]
    public async Task A_change_the_archive_refuses_is_rolled_back_AC4_4()
    {
        var scenario = await ScenarioAsync();
        var before = await TitleAsync(scenario);
        await Db.Get<AuditArchive>().StopAsync(Ct); // the archive refuses every record from here
        using var outcomes = new LedgerOutcomes(Db.Get<ConversationLedger>());

        var written = await RenameThroughLedgerAsync(scenario, "Never shown", decline: false);

        Assert.Equal(LedgerWrite.NotArchived, written);
        Assert.Equal([$"{AuditKinds.MessageEdited}:not_archived"], outcomes.Seen); // what an operator alerts on
        Assert.Equal(before, await TitleAsync(scenario));
        await using var db = Db.CreateContext();
        Assert.False(await db.AuditAnchors.AnyAsync(Ct));
    }

    [Fact]
    public async Task A_turn_end_is_archived_before_the_database_shows_it_AC4_3()
    {
        var scenario = await ScenarioAsync();

        var answer = await scenario.SendAndWaitAsync("Archive this answer", scenario.SwiftSettings());

        Assert.Equal(MessageStatus.Complete, answer.Status);
        var record = Assert.Single(ArchivedRecords.Read(Db, AuditKinds.ProviderCall));
        Assert.Equal((answer.Id, answer.Content), (record.Id("messageId"), record.Text("data", "response", "text")));
        var verification = await Db.Get<AnchoredAuditVerifier>().VerifyAsync(ArchivedRecords.Directory(Db), Ct);
        Assert.True(verification.IsIntact, verification.FirstProblem?.ToString());
        Assert.Equal(verification.Chains[0].LastSequence, verification.Chains[0].AnchoredSequence);
    }

    [Fact]
    public async Task A_turn_whose_record_the_archive_refuses_never_shows_a_final_state_and_keeps_what_arrived_AC4_4()
    {
        var scenario = await ScenarioAsync();
        var start = await scenario.StartStreamingAsync();
        var live = Db.Get<Core.Playground.Live.ILiveTurnHub>().LocalTurn(scenario.Conversation.Id)!;
        await Db.Get<AuditArchive>().StopAsync(Ct); // the disk goes away mid-answer

        await scenario.StopAsync(); // the student stops it: the end the archive cannot record

        var stored = await scenario.MessageAsync(start.AssistantMessageId);
        var arrived = live.Read(turn => turn.Text);
        Assert.NotEmpty(arrived);
        Assert.Equal((MessageStatus.Streaming, arrived, (DateTime?)null), (stored.Status, stored.Content, stored.FinishedAt));
        Assert.Empty(ArchivedRecords.Read(Db, AuditKinds.ProviderCall));
        Assert.Null(Db.Get<Core.Playground.Live.ILiveTurnHub>().Current(scenario.Conversation.Id)); // the turn is over; the next start sweeps it
    }

    /// <summary>A stand-in change: renames the conversation inside the ledger's transaction and offers an edit record.</summary>
    private async Task<LedgerWrite> RenameThroughLedgerAsync(PlaygroundScenario scenario, string title, bool decline)
    {
        await using var db = Db.CreateContext();
        return await Db.Get<ConversationLedger>().RecordAsync(db, async ct =>
        {
            await db.PlaygroundConversations.Where(c => c.Id == scenario.Conversation.Id)
                .ExecuteUpdateAsync(set => set.SetProperty(c => c.Title, title), ct);
            return decline ? null : AuditEntries.MessageEdited(
                AuditIds.For(scenario.Conversation, scenario.Student.Id), DateTime.UtcNow, MessageRole.User, [AuditChange.Content("a", "b")]);
        }, Ct);
    }

    private async Task<string> TitleAsync(PlaygroundScenario scenario)
    {
        await using var db = Db.CreateContext();
        return await db.PlaygroundConversations.Where(c => c.Id == scenario.Conversation.Id).Select(c => c.Title).SingleAsync(Ct);
    }

    private async Task<PlaygroundScenario> ScenarioAsync()
    {
        var scenario = new PlaygroundScenario(Db);
        await scenario.SetUpAsync();
        return scenario;
    }
}

/// <summary>Listens to one host's <c>grimoire.ledger.writes</c> (other hosts run in parallel: filtered by meter instance).</summary>
internal sealed class LedgerOutcomes : IDisposable
{
    private readonly System.Diagnostics.Metrics.MeterListener listener = new();
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> seen = new();

    public LedgerOutcomes(ConversationLedger ledger)
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, ledger.Meter) && instrument.Name == ConversationLedger.WritesInstrument)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            var values = tags.ToArray().ToDictionary(t => t.Key, t => (string)t.Value!);
            seen.Enqueue($"{values["kind"]}:{values["outcome"]}");
        });
        listener.Start();
    }

    public IReadOnlyList<string> Seen => [.. seen];

    public void Dispose() => listener.Dispose();
}

public sealed class ConversationLedgerTestsOnSqlite : ConversationLedgerTests<SqliteTestDatabase>;

public sealed class ConversationLedgerTestsOnPostgres : ConversationLedgerTests<PostgresTestDatabase>;
