using Grimoire.Core.Playground;
using Grimoire.Core.Playground.Live;
using Grimoire.Core.Playground.Turns;
using Grimoire.Core.Tests.Infrastructure;
using Grimoire.Llm;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Grimoire.Core.Tests.Playground.Limits;

/// <summary>
/// Answers in flight per student (issue 17 item 8): at most two at once across conversations, the slot given back
/// however a turn ends — complete, stopped, failed, interrupted by the host, its row gone, refused after taking it —
/// so it never leaks.
/// </summary>
public abstract class AnswersInFlightTests<TDatabase> : DatabaseTest<TDatabase> where TDatabase : TestDatabase, new()
{
    private PlaygroundScenario scenario = default!;

    private StudentAnswerSlots Slots => Db.Get<StudentAnswerSlots>();

    private ConversationStore Store => Db.Get<ConversationStore>();

    public override async Task InitializeAsync()
    {
        Db.Settings["Grimoire:Playground:TurnBurst"] = "50";
        await base.InitializeAsync();
        scenario = new PlaygroundScenario(Db);
        await scenario.SetUpAsync(); // creates the first conversation
    }

    public override async Task DisposeAsync()
    {
        foreach (var live in Db.Get<ILiveTurnHub>().Running)
        {
            live.RequestStop();
            await live.Completion.WaitAsync(TimeSpan.FromMinutes(1));
        }

        await base.DisposeAsync();
    }

    [Fact]
    public async Task A_third_answer_at_once_is_refused_with_why_and_stores_nothing_and_a_finished_one_frees_its_place()
    {
        using var counter = new RefusalCounter(Db.Get<PlaygroundRefusals>());
        Paced();
        var first = await StartLongAsync(scenario.Conversation.Id);
        var second = await StartLongAsync((await NewConversationAsync()).Id);
        var third = await NewConversationAsync();

        var refused = await StartAsync(third.Id, "A third one").RefusedAsync();

        Assert.Equal(
            "You already have 2 answers arriving, the most your course allows at once. Wait for one to finish or stop it, then send again.",
            refused.Message);
        Assert.Empty(await MessagesOfAsync(third.Id));
        Assert.Equal(2, Slots.InFlight(scenario.Student.Id));
        var (classmateSlot, classmateRefusal) = Slots.TryTake(scenario.Classmate.Id); // per student
        Assert.Null(classmateRefusal);
        classmateSlot!.Dispose();
        Assert.Contains(RefusalReasons.AnswersInFlight, counter.Reasons);

        await StopAndWaitAsync(first);
        await StartAsync(third.Id, "Now it fits");
        await StopAndWaitAsync(second);
    }

    [Fact]
    public async Task The_slot_is_given_back_when_an_answer_completes_fails_or_is_stopped()
    {
        await StartAsync(scenario.Conversation.Id, "Hi");
        await scenario.WaitForTurnAsync();
        Assert.Equal(0, Slots.InFlight(scenario.Student.Id));

        await StartAsync(scenario.Conversation.Id, "/simulate 500");
        await scenario.WaitForTurnAsync();
        Assert.Equal(MessageStatus.Failed, (await scenario.MessagesAsync())[^1].Status);
        Assert.Equal(0, Slots.InFlight(scenario.Student.Id));

        await StartAsync(scenario.Conversation.Id, "/simulate drop-after 5");
        await scenario.WaitForTurnAsync();
        Assert.Equal(0, Slots.InFlight(scenario.Student.Id));

        Paced();
        var live = await StartLongAsync(scenario.Conversation.Id);
        Assert.Equal(1, Slots.InFlight(scenario.Student.Id));
        await StopAndWaitAsync(live);
        Assert.Equal(MessageStatus.Cancelled, (await scenario.MessagesAsync())[^1].Status);
        Assert.Equal(0, Slots.InFlight(scenario.Student.Id));
    }

    [Fact]
    public async Task The_slot_is_given_back_when_the_host_stops_mid_answer()
    {
        Paced();
        await StartLongAsync(scenario.Conversation.Id);
        await StartLongAsync((await NewConversationAsync()).Id);
        Assert.Equal(2, Slots.InFlight(scenario.Student.Id));

        await Db.Get<TurnExecution>().ShutdownAsync(CancellationToken.None);

        Assert.Equal(MessageStatus.Interrupted, (await scenario.MessagesAsync())[^1].Status);
        Assert.Equal(0, Slots.InFlight(scenario.Student.Id));
    }

    [Fact]
    public async Task The_slot_is_given_back_when_the_answer_row_vanishes_before_its_final_write()
    {
        Paced();
        var live = await StartLongAsync(scenario.Conversation.Id);
        await using (var db = Db.CreateContext())
        {
            await db.PlaygroundMessages.Where(m => m.Id == live.AssistantMessageId).ExecuteDeleteAsync();
        }

        await StopAndWaitAsync(live); // the final write finds no row: logged, and the slot still comes back

        Assert.Equal(0, Slots.InFlight(scenario.Student.Id));
    }

    [Fact]
    public async Task The_slot_is_given_back_when_a_turn_is_refused_after_taking_it()
    {
        Paced();
        var live = await StartLongAsync(scenario.Conversation.Id);

        var sameConversation = await StartAsync(scenario.Conversation.Id, "While it streams").RefusedAsync();

        Assert.Equal(TurnRunner.TurnStillRunning, sameConversation.Message);
        Assert.Equal(1, Slots.InFlight(scenario.Student.Id));
        await StopAndWaitAsync(live);
        Assert.Equal(0, Slots.InFlight(scenario.Student.Id));
    }

    [Fact]
    public async Task A_rate_refusal_gives_the_slot_back()
    {
        using var counter = new RefusalCounter(Db.Get<PlaygroundRefusals>());
        var limiter = Db.Get<StudentRateLimiter>();
        while (limiter.TryAcquire(scenario.Student.Id) is null)
        {
            // Spend the burst.
        }

        var refused = await StartAsync(scenario.Conversation.Id, "Hi").RefusedAsync();

        Assert.Contains("faster than your course allows", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, Slots.InFlight(scenario.Student.Id));
        Assert.Equal([RefusalReasons.TurnRate], counter.Reasons);
    }

    private void Paced() => Db.Get<IOptions<GrimoireProvidersOptions>>().Value.Simulated.DelayMs = 20;

    private Task<PlaygroundConversation> NewConversationAsync() => Store.CreateAsync(scenario.Student.Id, scenario.Course.Id, Ct);

    private Task<TurnStart> StartAsync(Guid conversationId, string text, int maxTokens = 1024) =>
        Db.Get<TurnRunner>().StartAsync(scenario.Student.Id, conversationId, text, "", scenario.SwiftSettings(maxTokens), Ct);

    /// <summary>Starts a long, paced answer and waits until its first text has arrived.</summary>
    private async Task<LiveTurn> StartLongAsync(Guid conversationId)
    {
        await StartAsync(conversationId, "Tell me a long story", maxTokens: 8000);
        var live = Db.Get<ILiveTurnHub>().LocalTurn(conversationId)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (live.Snapshot().Text.Length == 0)
        {
            await Task.Delay(5, timeout.Token);
        }

        return live;
    }

    private static async Task StopAndWaitAsync(LiveTurn live)
    {
        live.RequestStop();
        await live.Completion.WaitAsync(TimeSpan.FromMinutes(1));
    }

    private async Task<List<PlaygroundMessage>> MessagesOfAsync(Guid conversationId)
    {
        await using var db = Db.CreateContext();
        return await db.PlaygroundMessages.AsNoTracking().Where(m => m.ConversationId == conversationId).ToListAsync();
    }
}

public sealed class AnswersInFlightTestsOnSqlite : AnswersInFlightTests<SqliteTestDatabase>;

public sealed class AnswersInFlightTestsOnPostgres : AnswersInFlightTests<PostgresTestDatabase>;
