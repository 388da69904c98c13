using Grimoire.Llm.Simulated;
using Grimoire.Llm.Streaming;
using Grimoire.Llm.Tests.Infrastructure;
using Grimoire.Llm.Wire;
using Microsoft.Extensions.AI;

namespace Grimoire.Llm.Tests.Simulated;

public sealed class SimulatedProviderTests : IDisposable
{
    private readonly TestProviders providers = new(serverUrl: null);

    public void Dispose() => providers.Dispose();

    private IChatClient Client(string model = SimulatedModels.ThinkerId) => providers.Client(ProviderKinds.Simulated, model, key: null);

    private static ChatOptions Thinking(long seed = 7) => new ChatOptions { Seed = seed, MaxOutputTokens = 4096 }.WithThinkingBudget(2048);

    [Fact]
    public async Task Same_prompt_and_seed_give_the_same_stream()
    {
        var first = await TestProviders.CollectAsync(Client(), [new(ChatRole.User, "Explain binary search")], Thinking());
        var second = await TestProviders.CollectAsync(Client(), [new(ChatRole.User, "Explain binary search")], Thinking());
        var otherSeed = await TestProviders.CollectAsync(Client(), [new(ChatRole.User, "Explain binary search")], Thinking(seed: 8));

        Assert.Equal(Describe(first), Describe(second));
        Assert.NotEqual(TestProviders.Turn(first).Text, TestProviders.Turn(otherSeed).Text);
    }

    [Fact]
    public async Task Thinker_streams_thinking_then_markdown_with_usage_from_the_tokenizer_and_fake_prices()
    {
        var events = await TestProviders.CollectAsync(Client(), [new(ChatRole.User, "Explain binary search")], Thinking());
        var turn = TestProviders.Turn(events);

        Assert.IsType<RequestSent>(events[0]);
        Assert.StartsWith("sim-", turn.GenerationId, StringComparison.Ordinal);
        Assert.NotEmpty(turn.Thinking);
        var block = Assert.Single(turn.ThinkingBlocks);
        Assert.Equal(turn.Thinking, block.Text);
        Assert.StartsWith("sim-sig-", block.Signature, StringComparison.Ordinal);
        Assert.True(events.FindIndex(e => e is ThinkingDelta) < events.FindIndex(e => e is TextDelta));
        Assert.Contains("## ", turn.Text, StringComparison.Ordinal);
        Assert.Contains("\n- ", turn.Text, StringComparison.Ordinal);
        Assert.Contains("```csharp", turn.Text, StringComparison.Ordinal);
        Assert.Contains("| Step |", turn.Text, StringComparison.Ordinal);
        Assert.Contains("Simulated Thinker", turn.Text, StringComparison.Ordinal);

        var usage = turn.Usage!;
        Assert.True(usage.InputTokens > 0);
        Assert.True(usage.ThinkingTokens > 0);
        Assert.True(usage.OutputTokens > usage.ThinkingTokens);
        Assert.Equal(SimulatedModels.Thinker.Pricing.CostOf(usage.InputTokens, usage.OutputTokens), usage.CostUsd);
        Assert.Equal(new Finished(FinishReason.Stop), events[^1]);
    }

    [Fact]
    public async Task Max_tokens_ends_as_length()
    {
        var events = await TestProviders.CollectAsync(Client(SimulatedModels.SwiftId), [new(ChatRole.User, "Explain sorting")], new ChatOptions { MaxOutputTokens = 12 });
        var turn = TestProviders.Turn(events);

        Assert.Equal(new Finished(FinishReason.Length), events[^1]);
        Assert.True(turn.Usage!.OutputTokens <= 12);
        Assert.Empty(turn.Thinking);
    }

    [Fact]
    public async Task Temperature_with_thinking_is_refused_like_anthropic()
    {
        var options = Thinking();
        options.Temperature = 0.5f;

        var events = await TestProviders.CollectAsync(Client(), [new(ChatRole.User, "Hi")], options);

        var failure = Assert.IsType<Failed>(events[^1]).Failure;
        Assert.Equal(ProviderFailureKind.BadRequest, failure.Kind);
        Assert.Contains("temperature", failure.UserMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/simulate 400", ProviderFailureKind.BadRequest)]
    [InlineData("/simulate 401", ProviderFailureKind.Unauthorized)]
    [InlineData("/simulate 402", ProviderFailureKind.BudgetExhausted)]
    [InlineData("/simulate 403", ProviderFailureKind.Forbidden)]
    [InlineData("/simulate 404", ProviderFailureKind.NotFound)]
    [InlineData("/simulate 408", ProviderFailureKind.Timeout)]
    [InlineData("/simulate 413", ProviderFailureKind.TooLarge)]
    [InlineData("/simulate 429", ProviderFailureKind.RateLimited)]
    [InlineData("/simulate 500", ProviderFailureKind.ProviderUnavailable)]
    [InlineData("/simulate 502", ProviderFailureKind.ProviderUnavailable)]
    [InlineData("/simulate 503", ProviderFailureKind.ProviderUnavailable)]
    [InlineData("/simulate 529", ProviderFailureKind.Overloaded)]
    [InlineData("/simulate nonsense", ProviderFailureKind.BadRequest)]
    public async Task Each_status_fault_yields_the_matching_failure(string prompt, ProviderFailureKind kind)
    {
        var events = await TestProviders.CollectAsync(Client(SimulatedModels.SwiftId), [new(ChatRole.User, prompt)]);

        Assert.IsType<RequestSent>(events[0]);
        Assert.Equal(kind, Assert.IsType<Failed>(events[^1]).Failure.Kind);
        Assert.DoesNotContain(events, e => e is TextDelta);
    }

    [Fact]
    public async Task Rate_limit_fault_carries_retry_after()
    {
        var events = await TestProviders.CollectAsync(Client(SimulatedModels.SwiftId), [new(ChatRole.User, "/simulate 429 retry-after 7")]);

        var failure = Assert.IsType<Failed>(events[^1]).Failure;
        Assert.Equal(TimeSpan.FromSeconds(7), failure.RetryAfter);
        Assert.Equal("The provider is busy, try again in 7 s.", failure.UserMessage);
    }

    [Fact]
    public async Task Drop_after_fault_interrupts_after_that_many_pieces_and_keeps_them()
    {
        var events = await TestProviders.CollectAsync(Client(SimulatedModels.SwiftId), [new(ChatRole.User, "/simulate drop-after 20")]);

        Assert.Equal(20, events.Count(e => e is TextDelta));
        Assert.Equal(ProviderFailureKind.Interrupted, Assert.IsType<Failed>(events[^1]).Failure.Kind);
    }

    [Fact]
    public async Task Error_mid_stream_fault_fails_after_a_partial()
    {
        var events = await TestProviders.CollectAsync(Client(SimulatedModels.SwiftId), [new(ChatRole.User, "/simulate error-mid-stream")]);

        Assert.NotEmpty(TestProviders.Turn(events).Text);
        Assert.Equal(ProviderFailureKind.StreamError, Assert.IsType<Failed>(events[^1]).Failure.Kind);
    }

    [Theory]
    [InlineData("prose", "\n\n", "Step 1 ")]
    [InlineData("paragraph", "(note 20)", "\n")]
    [InlineData("code", "// 20\n", "| Step")]
    [InlineData("table", "| Step 20 |", "```")]
    public async Task Issue14_long_directive_streams_an_answer_of_that_shape_and_length(string shape, string has, string hasNot)
    {
        var events = await TestProviders.CollectAsync(Client(SimulatedModels.SwiftId), [new(ChatRole.User, $"/simulate long {shape} 3000")], new ChatOptions { MaxOutputTokens = 8000 });

        var text = TestProviders.Turn(events).Text;
        Assert.InRange(text.Length, 2990, 3600);
        Assert.Contains(has, text, StringComparison.Ordinal);
        Assert.DoesNotContain(hasNot, text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/simulate long essay 100")]
    [InlineData("/simulate long table 0")]
    [InlineData("/simulate long table 200001")]
    [InlineData("/simulate long table")]
    public async Task Issue14_a_malformed_long_directive_is_refused_with_the_help(string prompt)
    {
        var events = await TestProviders.CollectAsync(Client(SimulatedModels.SwiftId), [new(ChatRole.User, prompt)]);

        var failure = Assert.IsType<Failed>(events[^1]).Failure;
        Assert.Equal(ProviderFailureKind.BadRequest, failure.Kind);
    }

    [Fact]
    public async Task Filtered_fault_ends_as_filtered()
    {
        var events = await TestProviders.CollectAsync(Client(SimulatedModels.SwiftId), [new(ChatRole.User, "/simulate filtered")]);

        Assert.Equal(new Finished(FinishReason.Filtered), events[^1]);
    }

    [Fact]
    public async Task Cancellation_ends_as_cancelled_with_the_partial()
    {
        using var cts = new CancellationTokenSource();
        var events = new List<ChatEvent>();
        await foreach (var e in Client(SimulatedModels.SwiftId).StreamEventsAsync([new(ChatRole.User, "Explain hashing")], null, cts.Token))
        {
            events.Add(e);
            if (events.Count(x => x is TextDelta) == 3)
            {
                await cts.CancelAsync();
            }
        }

        Assert.Equal(new Finished(FinishReason.Cancelled), events[^1]);
        Assert.Equal(3, events.Count(e => e is TextDelta));
    }

    [Fact]
    public async Task Catalogue_has_exactly_the_three_demo_models()
    {
        var snapshot = await providers.Registry.GetModelsAsync(new ProviderEndpoint(ProviderKinds.Simulated), CancellationToken.None);

        Assert.Equal(["simulated/thinker", "simulated/swift", "simulated/vision"], snapshot.Models.Select(m => m.Id));
        Assert.Equal(["Simulated Thinker", "Simulated Swift", "Simulated Vision"], snapshot.Models.Select(m => m.Name));
        Assert.All(snapshot.Models, m => Assert.True(m.ContextLength > 0 && m.MaxOutputTokens > 0 && m.Pricing.OutputPerMillion > 0));
        Assert.True(snapshot.Find("simulated/thinker")!.Capabilities.Thinking);
        Assert.False(snapshot.Find("simulated/thinker")!.Capabilities.TemperatureAllowedWithThinking);
        Assert.False(snapshot.Find("simulated/swift")!.Capabilities.Thinking);
        Assert.True(snapshot.Find("simulated/vision")!.Capabilities.Vision);
        Assert.True(snapshot.Find("simulated/vision")!.Capabilities.Files);
    }

    private static List<string> Describe(IEnumerable<ChatEvent> events) =>
        [.. events.Select(e => e is RequestSent r ? "request " + r.Request.BodyText : e.ToString()!)];
}
