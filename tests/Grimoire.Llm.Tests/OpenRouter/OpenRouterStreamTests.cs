using Grimoire.Llm.Streaming;
using Grimoire.Llm.Tests.Infrastructure;
using Grimoire.Llm.Wire;
using Microsoft.Extensions.AI;

namespace Grimoire.Llm.Tests.OpenRouter;

public sealed class OpenRouterStreamTests : IAsyncLifetime
{
    private const string Model = "anthropic/claude-sonnet-4.5";
    private const string ExpectedThinking = "The student asks about naïve string matching — Größe matters 🙂.";
    private const string ExpectedText = "## Naïve matching\n\nCompare each position — 日本語 works too 🙂.";
    private ProviderHarness harness = null!;

    private FakeProviderServer Server => harness.Server;

    private TestProviders Providers => harness.Providers;

    public async Task InitializeAsync()
    {
        harness = await ProviderHarness.StartAsync();
    }

    public async Task DisposeAsync() => await harness.DisposeAsync();

    private static List<ChatMessage> Ask(string text = "Explain naïve string matching") => [new(ChatRole.User, text)];

    private Task<List<ChatEvent>> RunAsync(ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        TestProviders.CollectAsync(Providers.Client(ProviderKinds.OpenRouter, Model), Ask(), options, cancellationToken);

    [Fact]
    public async Task Thinking_stream_with_keepalives_signature_usage_and_done_maps_to_one_event_stream()
    {
        Server.Enqueue(ScriptedResponse.Sse("openrouter/thinking-signed.sse", "gen-1764070000-Qx7RkTz2bPm9"));

        var events = await RunAsync();
        var turn = TestProviders.Turn(events);

        Assert.IsType<RequestSent>(events[0]);
        Assert.Equal(new ResponseStarted("gen-1764070000-Qx7RkTz2bPm9", Model), events[1]);
        Assert.Equal(ExpectedThinking, turn.Thinking);
        Assert.Equal(ExpectedText, turn.Text);
        var block = Assert.Single(turn.ThinkingBlocks);
        Assert.Equal(ThinkingBlockKind.Text, block.Kind);
        Assert.Equal(ExpectedThinking, block.Text);
        Assert.StartsWith("EqQBCkgIBxABGAIiQKz3mF0r1Y2v9w8c", block.Signature, StringComparison.Ordinal);
        Assert.Equal("anthropic-claude-v1", block.Format);
        Assert.Equal(new TokenUsage(42, 120, 80, 8, 0.001926m, CostSource.Provider), turn.Usage);
        Assert.Equal(new Finished(FinishReason.Stop), events[^1]);
        Assert.Equal(ChatTurnStatus.Complete, turn.Status);

        // The block closes before the first answer text, so a consumer can collapse the thinking panel then.
        var blockIndex = events.FindIndex(e => e is ThinkingBlockCompleted);
        var firstText = events.FindIndex(e => e is TextDelta);
        Assert.True(blockIndex < firstText);
    }

    [Fact]
    public async Task Encrypted_reasoning_and_summary_details_become_blocks()
    {
        Server.Enqueue(ScriptedResponse.Sse("openrouter/encrypted-reasoning.sse"));

        var turn = TestProviders.Turn(await RunAsync());

        Assert.Equal(2, turn.ThinkingBlocks.Count);
        Assert.Equal(ThinkingBlockKind.Summary, turn.ThinkingBlocks[0].Kind);
        Assert.Equal("**Planning the answer**", turn.ThinkingBlocks[0].Text);
        Assert.Equal(ThinkingBlockKind.Redacted, turn.ThinkingBlocks[1].Kind);
        Assert.Equal("gAAAAABpQ3Rw9Zk1vX2yQ8nM4bL7cK0jH6gF5dS3aP2oI1uY9tR8eW7qE6wQ==", turn.ThinkingBlocks[1].RedactedData);
        Assert.Equal("rs_0a1b2c3d4e5f", turn.ThinkingBlocks[1].Id);
        Assert.Equal("Forty-two.", turn.Text);
        Assert.Equal("gen-1764070100-Lm3Np8Qr4sTu", turn.GenerationId);
    }

    [Fact]
    public async Task Captured_wire_request_is_byte_for_byte_what_the_server_received_with_the_key_redacted()
    {
        Server.Enqueue(ScriptedResponse.Sse("openrouter/thinking-signed.sse"));
        var options = new ChatOptions { Instructions = "Be brief.", MaxOutputTokens = 2000, Temperature = 0.7f }.WithThinkingBudget(1500);

        var turn = TestProviders.Turn(await RunAsync(options));

        var sent = turn.Request!;
        var received = Assert.Single(Server.Received);
        Assert.Equal(received.Body, sent.Body.ToArray());
        Assert.Equal("/api/v1/chat/completions", received.PathAndQuery);
        Assert.Equal(new Uri(Server.BaseUrl, "/api/v1/chat/completions"), sent.Url);
        Assert.Equal("Bearer " + TestProviders.Key, received.Header("Authorization"));
        Assert.Equal(WireRequest.RedactedValue, sent.Header("Authorization"));
        foreach (var header in sent.Headers.Where(h => h.Name != "Authorization"))
        {
            Assert.Equal(header.Value, received.Header(header.Name));
        }

        Assert.DoesNotContain(TestProviders.Key, sent.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(TestProviders.Key, sent.BodyText, StringComparison.Ordinal);
        Assert.DoesNotContain(sent.Headers, h => h.Value.Contains(TestProviders.Key, StringComparison.Ordinal));
        Assert.Equal(
            """{"model":"anthropic/claude-sonnet-4.5","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Explain naïve string matching"}],"stream":true,"temperature":0.7,"max_tokens":2000,"reasoning":{"max_tokens":1500}}""",
            sent.BodyText);
    }

    [Fact]
    public async Task Error_chunk_mid_stream_keeps_the_partial_and_fails_with_the_provider_message()
    {
        Server.Enqueue(ScriptedResponse.Sse("openrouter/error-mid-stream.sse"));

        var events = await RunAsync();
        var turn = TestProviders.Turn(events);

        Assert.Equal("The first part arrived fine.", turn.Text);
        var failed = Assert.IsType<Failed>(events[^1]);
        Assert.Equal(ProviderFailureKind.StreamError, failed.Failure.Kind);
        Assert.True(failed.Failure.Retryable);
        Assert.Contains("Upstream provider returned an invalid response", failed.Failure.UserMessage, StringComparison.Ordinal);
        Assert.Equal(ChatTurnStatus.Failed, turn.Status);
    }

    [Fact]
    public async Task Finish_reason_error_without_an_error_object_still_fails()
    {
        Server.Enqueue(ScriptedResponse.Sse("openrouter/finish-error.sse"));

        var events = await RunAsync();

        Assert.Equal(ProviderFailureKind.StreamError, Assert.IsType<Failed>(events[^1]).Failure.Kind);
        Assert.Equal("Begun", TestProviders.Turn(events).Text);
    }

    [Fact]
    public async Task Finish_reason_length_ends_as_length()
    {
        Server.Enqueue(ScriptedResponse.Sse("openrouter/length.sse"));

        var events = await RunAsync();

        Assert.Equal(new Finished(FinishReason.Length), events[^1]);
        Assert.Equal("This answer is cut short", TestProviders.Turn(events).Text);
    }

    [Fact]
    public async Task Think_tags_split_across_chunks_go_to_the_thinking_channel()
    {
        Server.Enqueue(ScriptedResponse.Sse("openrouter/think-tags.sse"));

        var turn = TestProviders.Turn(await RunAsync());

        Assert.Equal("\nFirst I recall the definition of a prime.\n", turn.Thinking);
        Assert.Equal("A prime has exactly two divisors.", turn.Text);
        Assert.Equal("\nFirst I recall the definition of a prime.\n", Assert.Single(turn.ThinkingBlocks).Text);
        Assert.Equal(0.0000512m, turn.Usage!.CostUsd);
    }

    [Fact]
    public async Task Chunks_split_across_tcp_reads_parse_the_same()
    {
        var script = ScriptedResponse.Sse("openrouter/thinking-signed.sse") with { PieceSize = 7 };
        Server.Enqueue(script);

        var turn = TestProviders.Turn(await RunAsync());

        Assert.Equal(ExpectedThinking, turn.Thinking);
        Assert.Equal(ExpectedText, turn.Text);
        Assert.Equal(0.001926m, turn.Usage!.CostUsd);
    }

    [Fact]
    public async Task Utf8_characters_split_across_reads_arrive_whole()
    {
        var script = ScriptedResponse.Sse("openrouter/thinking-signed.sse");
        script = script with { PauseAt = [script.Inside("ö"), script.Inside("🙂"), script.Inside("日本語"), script.Inside("ï")] };
        Server.Enqueue(script);

        var turn = TestProviders.Turn(await RunAsync());

        Assert.Equal(ExpectedThinking, turn.Thinking);
        Assert.Equal(ExpectedText, turn.Text);
    }

    [Fact]
    public async Task Connection_cut_mid_chunk_fails_as_interrupted_and_keeps_the_partial()
    {
        var script = ScriptedResponse.Sse("openrouter/thinking-signed.sse");
        Server.Enqueue(script with { CutAt = script.Inside("Compare each position") });

        var events = await RunAsync();
        var turn = TestProviders.Turn(events);

        Assert.Equal(ProviderFailureKind.Interrupted, Assert.IsType<Failed>(events[^1]).Failure.Kind);
        Assert.Equal("## Naïve matching\n\n", turn.Text);
        Assert.Equal(ExpectedThinking, turn.Thinking);
    }

    [Fact]
    public async Task Stream_closed_without_a_finish_is_interrupted()
    {
        Server.Enqueue(ScriptedResponse.Sse("openrouter/no-finish.sse"));

        var events = await RunAsync();

        Assert.Equal(ProviderFailureKind.Interrupted, Assert.IsType<Failed>(events[^1]).Failure.Kind);
        Assert.Equal("Half an answer", TestProviders.Turn(events).Text);
    }

    [Fact]
    public async Task Cancelling_closes_the_connection_and_ends_as_cancelled_with_the_partial()
    {
        var script = ScriptedResponse.Sse("openrouter/long.sse");
        Server.Enqueue(script with { HoldAt = script.After("word5 \"},\"finish_reason\":null}]}\n\n") });
        using var cts = new CancellationTokenSource();
        var events = new List<ChatEvent>();

        await foreach (var e in Providers.Client(ProviderKinds.OpenRouter, Model).StreamEventsAsync(Ask(), null, cts.Token))
        {
            events.Add(e);
            if (e is TextDelta { Text: "word5 " })
            {
                await cts.CancelAsync();
            }
        }

        await Server.ClientLeft.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(new Finished(FinishReason.Cancelled), events[^1]);
        Assert.Equal("word1 word2 word3 word4 word5 ", TestProviders.Turn(events).Text);
        Assert.Equal(ChatTurnStatus.Cancelled, TestProviders.Turn(events).Status);
    }
}
