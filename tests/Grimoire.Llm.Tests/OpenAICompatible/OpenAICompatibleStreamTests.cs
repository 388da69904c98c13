using System.Text.Json;
using Grimoire.Llm.Streaming;
using Grimoire.Llm.Tests.Infrastructure;
using Grimoire.Llm.Wire;
using Microsoft.Extensions.AI;

namespace Grimoire.Llm.Tests.OpenAICompatible;

public sealed class OpenAICompatibleStreamTests : IAsyncLifetime
{
    private ProviderHarness harness = null!;

    private FakeProviderServer Server => harness.Server;

    public async Task InitializeAsync() => harness = await ProviderHarness.StartAsync(new Dictionary<string, string?>
    {
        ["Grimoire:Providers:OpenAICompatible:InputPricePerMillion"] = "1",
        ["Grimoire:Providers:OpenAICompatible:OutputPricePerMillion"] = "2",
    });

    public async Task DisposeAsync() => await harness.DisposeAsync();

    [Fact]
    public async Task Vllm_reasoning_content_and_usage_with_configured_prices()
    {
        Server.Enqueue(ScriptedResponse.Sse("openai-compatible/vllm-reasoning.sse"));
        var client = harness.Providers.Client(ProviderKinds.OpenAICompatible, "Qwen/Qwen3-8B", key: null);

        var events = await TestProviders.CollectAsync(client, [new(ChatRole.User, "2+2?")]);
        var turn = TestProviders.Turn(events);

        Assert.Equal("Two plus two is four.", turn.Thinking);
        Assert.Equal("The answer is 4.", turn.Text);
        Assert.Equal(new TokenUsage(14, 26, null, null, (14 * 1m + 26 * 2m) / 1_000_000m, CostSource.PriceList), turn.Usage);
        Assert.Equal(new Finished(FinishReason.Stop), events[^1]);

        var received = Assert.Single(Server.Received);
        Assert.Equal("/v1/chat/completions", received.PathAndQuery);
        Assert.Null(received.Header("Authorization"));
        using var body = JsonDocument.Parse(received.Body);
        Assert.True(body.RootElement.GetProperty("stream_options").GetProperty("include_usage").GetBoolean());
        Assert.Equal(received.Body, turn.Request!.Body.ToArray());
    }

    [Fact]
    public async Task Ollama_think_tags_become_thinking()
    {
        Server.Enqueue(ScriptedResponse.Sse("openai-compatible/ollama-think.sse"));
        var client = harness.Providers.Client(ProviderKinds.OpenAICompatible, "deepseek-r1:7b", key: null);

        var turn = TestProviders.Turn(await TestProviders.CollectAsync(client, [new(ChatRole.User, "Hello")]));

        Assert.Equal("\nHmm, a greeting.\n", turn.Thinking);
        Assert.Equal("Hello there!", turn.Text);
        Assert.Equal(24, turn.Usage!.TotalTokens);
    }

    [Fact]
    public async Task Error_object_mid_stream_fails_with_the_servers_message()
    {
        Server.Enqueue(ScriptedResponse.Sse("openai-compatible/error-mid-stream.sse"));
        var client = harness.Providers.Client(ProviderKinds.OpenAICompatible, "Qwen/Qwen3-8B", key: "local-key");

        var events = await TestProviders.CollectAsync(client, [new(ChatRole.User, "Hi")]);

        Assert.Equal("Start of ", TestProviders.Turn(events).Text);
        var failure = Assert.IsType<Failed>(events[^1]).Failure;
        Assert.Equal(ProviderFailureKind.StreamError, failure.Kind);
        Assert.Contains("longer than the maximum model length", failure.UserMessage, StringComparison.Ordinal);
        Assert.Equal("Bearer local-key", Server.Received[0].Header("Authorization"));
    }
}
