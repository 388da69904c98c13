using System.Text.Json;
using Grimoire.Core.Playground;
using Grimoire.Core.Playground.Turns;
using Grimoire.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Grimoire.Core.Tests.Playground;

/// <summary>One turn end to end on the simulated provider, on both databases (AC1.2, AC1.4, AC1.5, AC3.5, AC4.1, X7).</summary>
public abstract class TurnRunnerTests<TDatabase> : DatabaseTest<TDatabase> where TDatabase : TestDatabase, new()
{
    private PlaygroundScenario scenario = default!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        scenario = new PlaygroundScenario(Db);
        await scenario.SetUpAsync();
    }

    [Fact]
    public async Task A_complete_turn_stores_the_question_then_the_answer_with_thinking_usage_cost_and_the_request()
    {
        var answer = await scenario.SendAndWaitAsync("Explain recursion\nwith an example", scenario.ThinkerSettings(temperature: null));

        var messages = await scenario.MessagesAsync();
        Assert.Equal([MessageRole.User, MessageRole.Assistant], messages.Select(m => m.Role));
        Assert.Equal("Explain recursion\nwith an example", messages[0].Content);
        Assert.Equal(scenario.Student.Id, messages[0].AuthorUserId);
        Assert.Equal(MessageStatus.Complete, answer.Status);
        Assert.NotEmpty(answer.Content);
        Assert.False(string.IsNullOrEmpty(answer.Thinking));
        Assert.True(answer.InputTokens > 0 && answer.OutputTokens > 0);
        Assert.True(answer.Cost > 0);
        Assert.Equal(("simulated", "simulated/thinker", scenario.Thinker.Id), (answer.Provider, answer.Model, answer.ModelConfigId));
        Assert.NotNull(answer.FirstTokenAt);
        Assert.NotNull(answer.FinishedAt);

        using var request = JsonDocument.Parse(answer.RequestBody!);
        Assert.Equal("simulated/thinker", request.RootElement.GetProperty("model").GetString());
        Assert.Contains("Explain recursion", answer.RequestBody, StringComparison.Ordinal);
        Assert.Contains("Be brief.", answer.RequestBody, StringComparison.Ordinal);

        var parameters = MessageParameters.FromJson(answer.ParametersJson)!;
        Assert.Equal(("Simulated Thinker", 4096, true, 2048, "Be brief."),
            (parameters.ModelDisplayName, parameters.MaxTokens, parameters.ThinkingEnabled, parameters.ThinkingBudget, parameters.SystemPrompt));

        await using var db = Db.CreateContext();
        var conversation = await db.PlaygroundConversations.SingleAsync(c => c.Id == scenario.Conversation.Id);
        Assert.Equal("Explain recursion", conversation.Title);
        Assert.Equal("Be brief.", conversation.SystemPrompt);
    }

    [Fact]
    public async Task Temperature_is_not_sent_while_thinking_is_on_for_a_model_that_forbids_it_AC1_5()
    {
        var answer = await scenario.SendAndWaitAsync("Hi", scenario.ThinkerSettings(thinking: true, temperature: 0.9));

        Assert.Equal(MessageStatus.Complete, answer.Status);
        Assert.DoesNotContain("temperature", answer.RequestBody, StringComparison.Ordinal);
        Assert.Null(MessageParameters.FromJson(answer.ParametersJson)!.Temperature);

        var withoutThinking = await scenario.SendAndWaitAsync("Again, no thinking", scenario.ThinkerSettings(thinking: false, temperature: 0.9));
        Assert.Contains("\"temperature\":0.9", withoutThinking.RequestBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Switching_models_keeps_the_whole_history_AC3_4_AC3_5()
    {
        var first = await scenario.SendAndWaitAsync("My name is Ada.", scenario.ThinkerSettings());
        var second = await scenario.SendAndWaitAsync("What is my name?", scenario.SwiftSettings());

        Assert.Equal("simulated/swift", second.Model);
        Assert.Contains("My name is Ada.", second.RequestBody, StringComparison.Ordinal);
        Assert.Contains(JsonEncodedText.Encode(first.Content[..Math.Min(40, first.Content.Length)]).ToString(), second.RequestBody, StringComparison.Ordinal);
        Assert.Equal([0, 1, 2, 3], (await scenario.MessagesAsync()).Select(m => m.Sequence));
    }

    [Theory]
    [InlineData("/simulate 402", "budget")]
    [InlineData("/simulate 500", null)]
    public async Task A_provider_failure_keeps_the_question_and_says_why(string text, string? expectedWord)
    {
        var answer = await scenario.SendAndWaitAsync(text, scenario.SwiftSettings());

        Assert.Equal(MessageStatus.Failed, answer.Status);
        Assert.False(string.IsNullOrWhiteSpace(answer.ErrorText));
        if (expectedWord is not null)
        {
            Assert.Contains(expectedWord, answer.ErrorText, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal(text, (await scenario.MessagesAsync())[0].Content);
    }

    [Fact]
    public async Task A_dropped_connection_keeps_the_partial_answer_marked_failed()
    {
        var answer = await scenario.SendAndWaitAsync("/simulate drop-after 20", scenario.SwiftSettings());

        Assert.Equal(MessageStatus.Failed, answer.Status);
        Assert.NotEmpty(answer.Content);
        Assert.NotNull(answer.ErrorText);
    }

    [Fact]
    public async Task A_paced_answer_streams_to_completion_while_it_is_watched()
    {
        Db.Get<Microsoft.Extensions.Options.IOptions<Grimoire.Llm.GrimoireProvidersOptions>>().Value.Simulated.DelayMs = 5;
        using var watcher = Db.Get<Grimoire.Core.Playground.Live.ILiveTurnHub>().Subscribe(scenario.Conversation.Id);
        var start = await scenario.SendAsync("Explain recursion", scenario.ThinkerSettings());
        var signals = 0;
        while (await watcher.NextAsync(CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromMinutes(1)) is { } update)
        {
            signals++;
            if (update.StoredStateChanged && update.Running is null)
            {
                break; // the turn finished
            }
        }

        var answer = await scenario.MessageAsync(start.AssistantMessageId);
        Assert.Equal(MessageStatus.Complete, answer.Status);
        Assert.True(signals > 10, $"Only {signals} live signals for a whole answer.");
    }

    [Fact]
    public async Task Stopping_keeps_the_partial_answer_marked_cancelled()
    {
        Db.Get<Microsoft.Extensions.Options.IOptions<Grimoire.Llm.GrimoireProvidersOptions>>().Value.Simulated.DelayMs = 20;
        var start = await scenario.SendAsync("Tell me a long story", scenario.SwiftSettings(maxTokens: 8000));
        Assert.Equal("Tell me a long story", (await scenario.MessagesAsync())[0].Content); // stored before the answer

        var live = await scenario.WaitForTextAsync();
        live.RequestStop();
        await scenario.WaitForTurnAsync();

        var answer = await scenario.MessageAsync(start.AssistantMessageId);
        Assert.Equal(MessageStatus.Cancelled, answer.Status);
        Assert.NotEmpty(answer.Content);
    }

    [Fact]
    public async Task A_server_shutdown_mid_answer_marks_it_interrupted_with_the_partial()
    {
        Db.Get<Microsoft.Extensions.Options.IOptions<Grimoire.Llm.GrimoireProvidersOptions>>().Value.Simulated.DelayMs = 20;
        var start = await scenario.SendAsync("Tell me a long story", scenario.SwiftSettings(maxTokens: 8000));
        await scenario.WaitForTextAsync();

        await Db.Get<TurnExecution>().ShutdownAsync(CancellationToken.None);

        var answer = await scenario.MessageAsync(start.AssistantMessageId);
        Assert.Equal(MessageStatus.Interrupted, answer.Status);
        Assert.NotEmpty(answer.Content);
    }

    [Fact]
    public async Task A_second_message_while_an_answer_streams_is_refused()
    {
        Db.Get<Microsoft.Extensions.Options.IOptions<Grimoire.Llm.GrimoireProvidersOptions>>().Value.Simulated.DelayMs = 20;
        await scenario.SendAsync("Tell me a long story", scenario.SwiftSettings(maxTokens: 8000));
        await scenario.WaitForTextAsync();

        var second = await scenario.SendAsync("Another", scenario.SwiftSettings()).RefusedAsync();

        Assert.Contains("still arriving", second.Message, StringComparison.Ordinal);
        Db.Get<Grimoire.Core.Playground.Live.ILiveTurnHub>().LocalTurn(scenario.Conversation.Id)!.RequestStop();
        await scenario.WaitForTurnAsync();
        Assert.Equal(2, (await scenario.MessagesAsync()).Count);
    }

    [Fact]
    public async Task Pre_flight_refuses_a_conversation_too_long_for_the_model_and_stores_nothing_X7()
    {
        await using (var db = Db.CreateContext())
        {
            await db.CourseModelConfigs.Where(m => m.Id == scenario.Swift.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.ContextLength, 600));
        }

        var start = await scenario.SendAsync(string.Join(' ', Enumerable.Repeat("token", 200)), scenario.SwiftSettings(maxTokens: 500)).RefusedAsync();

        Assert.Contains("too long for Simulated Swift", start.Message, StringComparison.Ordinal);
        Assert.Empty(await scenario.MessagesAsync());
    }

    [Fact]
    public async Task The_rate_limit_refuses_a_burst_beyond_the_bucket_X7()
    {
        var limiter = new StudentRateLimiter(Microsoft.Extensions.Options.Options.Create(new PlaygroundOptions { TurnsPerMinute = 1, TurnBurst = 2 }));

        Assert.Null(limiter.TryAcquire(scenario.Student.Id));
        Assert.Null(limiter.TryAcquire(scenario.Student.Id));
        Assert.Contains("faster than your course allows", limiter.TryAcquire(scenario.Student.Id), StringComparison.Ordinal);
        Assert.Null(limiter.TryAcquire(scenario.Classmate.Id)); // buckets are per student
        limiter.Dispose();
    }

    [Fact]
    public async Task Nobody_posts_into_a_conversation_they_cannot_access_and_nothing_is_stored()
    {
        await scenario.SendAsync("Hijack", scenario.SwiftSettings(), userId: scenario.Classmate.Id).RefusedAsync();

        Assert.Empty(await scenario.MessagesAsync());
    }

    [Fact]
    public async Task Disabled_models_and_providers_without_a_key_are_refused_with_a_reason()
    {
        await using (var db = Db.CreateContext())
        {
            await db.CourseModelConfigs.Where(m => m.Id == scenario.Vision.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.IsEnabled, false));
        }

        var disabled = await scenario.SendAsync("Hi", new TurnSettings(scenario.Vision.Id, null, 512, false)).RefusedAsync();
        Assert.Contains("not available in this course", disabled.Message, StringComparison.Ordinal);

        await using (var db = Db.CreateContext())
        {
            await db.CourseModelConfigs.Where(m => m.Id == scenario.Vision.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.IsEnabled, true).SetProperty(m => m.Provider, "openrouter"));
        }

        var keyless = await scenario.SendAsync("Hi", new TurnSettings(scenario.Vision.Id, null, 512, false)).RefusedAsync();
        Assert.Equal(TurnRunner.NoAccessToProvider, keyless.Message);
        Assert.Empty(await scenario.MessagesAsync());
    }
}

public sealed class TurnRunnerTestsOnSqlite : TurnRunnerTests<SqliteTestDatabase>;

public sealed class TurnRunnerTestsOnPostgres : TurnRunnerTests<PostgresTestDatabase>;
