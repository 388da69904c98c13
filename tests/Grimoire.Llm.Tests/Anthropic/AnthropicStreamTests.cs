using System.Text.Json;
using Grimoire.Llm.Streaming;
using Grimoire.Llm.Tests.Infrastructure;
using Grimoire.Llm.Wire;
using Microsoft.Extensions.AI;

namespace Grimoire.Llm.Tests.Anthropic;

public sealed class AnthropicStreamTests : IAsyncLifetime
{
    private const string Model = "claude-sonnet-4-5-20250929";
    private ProviderHarness harness = null!;

    private FakeProviderServer Server => harness.Server;

    public async Task InitializeAsync() => harness = await ProviderHarness.StartAsync();

    public async Task DisposeAsync() => await harness.DisposeAsync();

    private IChatClient Client() => harness.Providers.Client(ProviderKinds.Anthropic, Model);

    [Fact]
    public async Task Extended_thinking_stream_maps_thinking_signature_text_usage_and_stop()
    {
        Server.Enqueue(ScriptedResponse.Sse("anthropic/thinking.sse"));

        var events = await TestProviders.CollectAsync(Client(), [new(ChatRole.User, "What is recursion?")], new ChatOptions { MaxOutputTokens = 4096 }.WithThinkingBudget(2048));
        var turn = TestProviders.Turn(events);

        Assert.Equal(new ResponseStarted("msg_01XFDUDYJgAACzvnptvVoYEL", Model), events[1]);
        Assert.Equal("The student wants the idea of recursion — a base case and a smaller step. Größe 🙂.", turn.Thinking);
        var block = Assert.Single(turn.ThinkingBlocks);
        Assert.Equal(turn.Thinking, block.Text);
        Assert.StartsWith("EqQBCgIYAhIM1gbcDa9GJwZA2b3h", block.Signature, StringComparison.Ordinal);
        Assert.Equal(ProviderKinds.Anthropic, block.ProviderKind);
        Assert.Equal("Recursion solves a problem by solving a smaller one first.", turn.Text);
        Assert.Equal(52, turn.Usage!.InputTokens);
        Assert.Equal(245, turn.Usage.OutputTokens);
        Assert.Equal((52 * 3m + 245 * 15m) / 1_000_000m, turn.Usage.CostUsd);
        Assert.Equal(CostSource.PriceList, turn.Usage.CostSource);
        Assert.Equal(new Finished(FinishReason.Stop), events[^1]);
    }

    [Fact]
    public async Task Wire_request_is_exact_with_the_api_key_redacted_and_thinking_as_anthropic_expects()
    {
        Server.Enqueue(ScriptedResponse.Sse("anthropic/thinking.sse"));
        var options = new ChatOptions { Instructions = "You are a tutor.", MaxOutputTokens = 4096 }.WithThinkingBudget(2048);

        var turn = TestProviders.Turn(await TestProviders.CollectAsync(Client(), [new(ChatRole.User, "What is recursion?")], options));

        var received = Assert.Single(Server.Received);
        Assert.Equal(received.Body, turn.Request!.Body.ToArray());
        Assert.Equal("/v1/messages", received.PathAndQuery);
        Assert.Equal(TestProviders.Key, received.Header("x-api-key"));
        Assert.Equal(WireRequest.RedactedValue, turn.Request.Header("x-api-key"));
        Assert.Equal("2023-06-01", received.Header("anthropic-version"));
        Assert.DoesNotContain(TestProviders.Key, string.Join(' ', turn.Request.Headers), StringComparison.Ordinal);
        Assert.Equal(
            """{"model":"claude-sonnet-4-5-20250929","max_tokens":4096,"system":"You are a tutor.","messages":[{"role":"user","content":[{"type":"text","text":"What is recursion?"}]}],"thinking":{"type":"enabled","budget_tokens":2048},"stream":true}""",
            turn.Request.BodyText);
    }

    [Fact]
    public async Task Second_turn_carries_thinking_blocks_signatures_and_redacted_blocks_unchanged()
    {
        Server.Enqueue(ScriptedResponse.Sse("anthropic/redacted.sse"), ScriptedResponse.Sse("anthropic/max-tokens.sse"));
        var client = Client();
        var options = new ChatOptions { MaxOutputTokens = 4096 }.WithThinkingBudget(1024);
        List<ChatMessage> history = [new(ChatRole.User, "First")];
        var first = TestProviders.Turn(await TestProviders.CollectAsync(client, history, options));
        Assert.Equal(2, first.ThinkingBlocks.Count);
        Assert.Equal(ThinkingBlockKind.Redacted, first.ThinkingBlocks[1].Kind);
        Assert.Equal(20, first.Usage!.CachedInputTokens);
        Assert.Equal(50, first.Usage.InputTokens);

        history.Add(first.ToAssistantMessage());
        history.Add(new ChatMessage(ChatRole.User, "Second"));
        await TestProviders.CollectAsync(client, history, options);

        using var sent = JsonDocument.Parse(Server.Received[1].Body);
        var content = sent.RootElement.GetProperty("messages")[1].GetProperty("content");
        Assert.Equal(
            """[{"type":"thinking","thinking":"Let me think this through.","signature":"ErUBCkYIAxgCIkBz0mVQ1qX9Yw=="},{"type":"redacted_thinking","data":"EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpPkNRj2YfWXGmKDxH4mPnZ5sQ7vB5URv/c3LpE5rPRvBcPHh8bKhS1Q7nSdMA="},{"type":"text","text":"Here is the answer."}]""",
            content.GetRawText());
    }

    [Fact]
    public async Task Overloaded_error_event_mid_stream_keeps_the_partial()
    {
        Server.Enqueue(ScriptedResponse.Sse("anthropic/overloaded-mid-stream.sse"));

        var events = await TestProviders.CollectAsync(Client(), [new(ChatRole.User, "Hi")]);

        Assert.Equal("Partial answer", TestProviders.Turn(events).Text);
        var failure = Assert.IsType<Failed>(events[^1]).Failure;
        Assert.Equal(ProviderFailureKind.Overloaded, failure.Kind);
        Assert.True(failure.Retryable);
    }

    [Fact]
    public async Task Max_tokens_stop_reason_ends_as_length()
    {
        Server.Enqueue(ScriptedResponse.Sse("anthropic/max-tokens.sse"));

        var events = await TestProviders.CollectAsync(Client(), [new(ChatRole.User, "Hi")]);

        Assert.Equal(new Finished(FinishReason.Length), events[^1]);
    }

    [Theory]
    [InlineData(400, "anthropic/error-400.json", ProviderFailureKind.BadRequest, 1)]
    [InlineData(401, "anthropic/error-401.json", ProviderFailureKind.Unauthorized, 1)]
    [InlineData(529, "anthropic/error-529.json", ProviderFailureKind.Overloaded, 1)]
    public async Task Http_errors_map_to_failures(int status, string fixture, ProviderFailureKind kind, int requests)
    {
        Server.Enqueue(ScriptedResponse.Json(status, fixture));

        var events = await TestProviders.CollectAsync(Client(), [new(ChatRole.User, "Hi")]);

        Assert.Equal(kind, Assert.IsType<Failed>(events[^1]).Failure.Kind);
        Assert.Equal(requests, Server.Received.Count);
    }

    [Fact]
    public async Task Rate_limit_honours_retry_after()
    {
        Server.Enqueue(ScriptedResponse.Json(429, "anthropic/error-429.json", ("retry-after", "30")));

        var events = await TestProviders.CollectAsync(Client(), [new(ChatRole.User, "Hi")]);

        var failure = Assert.IsType<Failed>(events[^1]).Failure;
        Assert.Equal(ProviderFailureKind.RateLimited, failure.Kind);
        Assert.Equal(TimeSpan.FromSeconds(30), failure.RetryAfter);
        Assert.Equal("The provider is busy, try again in 30 s.", failure.UserMessage);
    }

    [Fact]
    public async Task Events_split_inside_utf8_characters_across_reads_arrive_whole()
    {
        var script = ScriptedResponse.Sse("anthropic/thinking.sse");
        Server.Enqueue(script with { PauseAt = [script.Inside("Größe"[2..]), script.Inside("🙂"), script.Inside("signature_delta")] });

        var turn = TestProviders.Turn(await TestProviders.CollectAsync(Client(), [new(ChatRole.User, "Hi")]));

        Assert.EndsWith("Größe 🙂.", turn.Thinking, StringComparison.Ordinal);
        Assert.NotNull(Assert.Single(turn.ThinkingBlocks).Signature);
    }

    [Fact]
    public async Task Cancelling_mid_stream_closes_the_connection_and_keeps_the_partial()
    {
        var script = ScriptedResponse.Sse("anthropic/thinking.sse");
        Server.Enqueue(script with { HoldAt = script.After("Recursion solves a problem \"}}\n\n") });
        using var cts = new CancellationTokenSource();
        var events = new List<ChatEvent>();

        await foreach (var e in Client().StreamEventsAsync([new(ChatRole.User, "Hi")], null, cts.Token))
        {
            events.Add(e);
            if (e is TextDelta)
            {
                await cts.CancelAsync();
            }
        }

        await Server.ClientLeft.WaitAsync(TimeSpan.FromSeconds(30));
        var turn = TestProviders.Turn(events);
        Assert.Equal(ChatTurnStatus.Cancelled, turn.Status);
        Assert.Equal("Recursion solves a problem ", turn.Text);
        Assert.Single(turn.ThinkingBlocks);
    }
}
