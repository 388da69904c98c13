using Grimoire.Core.Playground.Live;
using Grimoire.Llm.Streaming;

namespace Grimoire.Core.Tests.Playground.Live;

/// <summary>
/// The live hub's message contract (issue 16 item 5, X6, AC8.2; docs/decisions/0002): watchers get value snapshots,
/// "turn finished" and "conversation changed" through their subscription, coalesced; a stop is a message routed to the
/// node that runs the turn. Each watcher below stands for a page on another node: it holds only its subscription.
/// </summary>
public sealed class LiveTurnHubContractTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private readonly InProcessLiveTurnHub hub = new(TimeProvider.System);
    private readonly Guid conversation = Guid.NewGuid();
    private readonly Guid question = Guid.NewGuid();
    private readonly Guid answer = Guid.NewGuid();

    [Fact]
    public async Task A_watcher_sees_the_latest_snapshot_coalesced_then_the_finish_X6()
    {
        using var watcher = hub.Subscribe(conversation);
        var live = (await hub.TryBeginAsync(conversation, question, answer, CancellationToken.None))!;
        live.Apply(new ThinkingDelta("Hm. "), DateTime.UtcNow);
        live.Apply(new TextDelta("Hel"), DateTime.UtcNow);
        live.Apply(new TextDelta("lo"), DateTime.UtcNow);

        var update = await NextAsync(watcher);

        Assert.False(update.StoredStateChanged);
        Assert.Equal((answer, question, LiveTurnPhase.Answering, "Hello", "Hm. "),
            (update.Running!.AssistantMessageId, update.Running.UserMessageId, update.Running.Phase, update.Running.Text, update.Running.Thinking));
        Assert.NotNull(update.Running.FirstTokenAt);

        hub.Finish(live);
        var finished = await NextAsync(watcher);
        Assert.Equal((null, true), (finished.Running, finished.StoredStateChanged));
        Assert.Null(hub.Current(conversation));
    }

    [Fact]
    public async Task Every_watcher_of_the_conversation_gets_its_own_copy_and_others_get_nothing_AC8_2()
    {
        using var first = hub.Subscribe(conversation);
        using var second = hub.Subscribe(conversation);
        using var elsewhere = hub.Subscribe(Guid.NewGuid());
        var live = (await hub.TryBeginAsync(conversation, question, answer, CancellationToken.None))!;
        live.Apply(new TextDelta("One"), DateTime.UtcNow);

        var seenByFirst = (await NextAsync(first)).Running!;
        live.Apply(new TextDelta(" two"), DateTime.UtcNow);
        var seenBySecond = (await NextAsync(second)).Running!;

        Assert.Equal("One", seenByFirst.Text); // a value: later text does not change what was received
        Assert.Equal("One two", seenBySecond.Text);
        var nothing = elsewhere.NextAsync(CancellationToken.None).AsTask();
        Assert.False(nothing.IsCompleted); // a message already delivered would have completed it at once
    }

    [Fact]
    public async Task A_conversation_change_asks_watchers_to_reload_and_keeps_the_running_answer()
    {
        using var watcher = hub.Subscribe(conversation);
        var live = (await hub.TryBeginAsync(conversation, question, answer, CancellationToken.None))!;
        live.Apply(new TextDelta("Still arriving"), DateTime.UtcNow);

        hub.NotifyChanged(conversation);

        var update = await NextAsync(watcher);
        Assert.True(update.StoredStateChanged);
        Assert.Equal("Still arriving", update.Running!.Text);
    }

    [Fact]
    public async Task One_turn_per_conversation_across_the_hub()
    {
        var live = await hub.TryBeginAsync(conversation, question, answer, CancellationToken.None);

        Assert.NotNull(live);
        Assert.Null(await hub.TryBeginAsync(conversation, Guid.NewGuid(), Guid.NewGuid(), CancellationToken.None));
        Assert.Equal(answer, hub.Current(conversation)!.AssistantMessageId);
        Assert.Equal([live], hub.Running);
    }

    [Fact]
    public async Task A_stop_message_reaches_the_turn_it_names_and_no_other()
    {
        var live = (await hub.TryBeginAsync(conversation, question, answer, CancellationToken.None))!;

        Assert.False(await hub.RequestStopAsync(new StopTurn(conversation, Guid.NewGuid()), CancellationToken.None)); // meant for an earlier answer
        Assert.False(await hub.RequestStopAsync(new StopTurn(Guid.NewGuid()), CancellationToken.None)); // nothing runs there
        Assert.False(live.StopToken.IsCancellationRequested);

        Assert.True(await hub.RequestStopAsync(new StopTurn(conversation, answer), CancellationToken.None));
        Assert.True(live.StopToken.IsCancellationRequested);
    }

    [Fact]
    public async Task The_live_turn_is_the_one_accumulation_of_the_stream()
    {
        var live = (await hub.TryBeginAsync(conversation, question, answer, CancellationToken.None))!;
        var usage = new TokenUsage(10, 3);
        live.Apply(new TextDelta("Forty-"), DateTime.UtcNow);
        live.Apply(new TextDelta("two"), DateTime.UtcNow);
        live.Apply(new UsageReported(usage), DateTime.UtcNow);
        live.Apply(new Finished(FinishReason.Stop), DateTime.UtcNow);

        var snapshot = live.Snapshot();
        var (text, stored, status) = live.Read(turn => (turn.Text, turn.Usage, turn.Status));
        Assert.Equal(("Forty-two", usage, ChatTurnStatus.Complete), (text, stored, status));
        Assert.Equal((text, usage), (snapshot.Text, snapshot.Usage));
    }

    [Fact]
    public async Task A_disposed_subscription_ends_its_reader()
    {
        var watcher = hub.Subscribe(conversation);
        watcher.Dispose();

        Assert.Null(await watcher.NextAsync(CancellationToken.None).AsTask().WaitAsync(Bound));
        hub.NotifyChanged(conversation); // nobody left to tell: harmless
    }

    private static async Task<LiveUpdate> NextAsync(LiveSubscription watcher) =>
        (await watcher.NextAsync(CancellationToken.None).AsTask().WaitAsync(Bound))!;
}
