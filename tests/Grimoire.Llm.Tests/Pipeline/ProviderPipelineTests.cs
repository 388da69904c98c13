using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json;
using Grimoire.Llm.Catalogue;
using Grimoire.Llm.Pipeline;
using Grimoire.Llm.Streaming;
using Grimoire.Llm.Tests.Infrastructure;
using Grimoire.Llm.Wire;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Grimoire.Llm.Tests.Pipeline;

/// <summary>
/// The provider pipeline (issue 16 item 4) over real HTTP against the fake OpenRouter: course policy applied before the
/// adapter records the body (AC1.4, AC1.5), usage and cost captured on the Grimoire meter, logs without keys or text.
/// </summary>
public sealed class ProviderPipelineTests : IAsyncLifetime, IDisposable
{
    private const string Model = "anthropic/claude-sonnet-4.5";
    private const string Question = "Explain naive matching, my student number is S-99127";
    private const string AnswerFragment = "Naïve matching";
    private static readonly ModelPolicy AnthropicLike = new(16_000, SupportsThinking: true, ThinkingControl.Budget, AllowsTemperatureWithThinking: false);

    private ProviderHarness harness = null!;
    private MeasurementRecorder metrics = null!;

    private FakeProviderServer Server => harness.Server;

    private TestProviders Providers => harness.Providers;

    public async Task InitializeAsync()
    {
        harness = await ProviderHarness.StartAsync();
        metrics = new MeasurementRecorder(Providers.Services.GetRequiredService<IMeterFactory>());
    }

    public async Task DisposeAsync() => await harness.DisposeAsync();

    public void Dispose() => metrics?.Dispose();

    private Task<List<ChatEvent>> AskAsync(ChatOptions? options, string model = Model, CancellationToken cancellationToken = default) =>
        TestProviders.CollectAsync(Providers.Client(ProviderKinds.OpenRouter, model), [new ChatMessage(ChatRole.User, Question)], options, cancellationToken);

    [Fact]
    public async Task Course_policy_is_applied_before_the_adapter_writes_and_records_the_body_AC1_4_AC1_5()
    {
        Server.Enqueue(ScriptedResponse.Sse("openrouter/thinking-signed.sse"));
        var asked = new ChatOptions { Temperature = 0.7f, MaxOutputTokens = 100_000 }.WithThinkingBudget(500).WithModelPolicy(AnthropicLike);

        var events = await AskAsync(asked);

        using var sent = JsonDocument.Parse(Server.Received[0].Body);
        Assert.False(sent.RootElement.TryGetProperty("temperature", out _), "temperature must be dropped while an Anthropic model thinks");
        Assert.Equal(16_000, sent.RootElement.GetProperty("max_tokens").GetInt32());
        Assert.Equal(ModelRules.MinThinkingBudget, sent.RootElement.GetProperty("reasoning").GetProperty("max_tokens").GetInt32());
        Assert.DoesNotContain(ModelPolicyOptions.PropertyKey, sent.RootElement.GetRawText(), StringComparison.Ordinal);
        // What is recorded is exactly what went over the wire, byte for byte (AC1.4).
        var recorded = Assert.IsType<RequestSent>(events[0]).Request;
        Assert.Equal(Server.Received[0].Body, recorded.Body.ToArray());
        // The caller's options are not changed by the pipeline.
        Assert.Equal(0.7f, asked.Temperature);
        Assert.Equal(500, asked.GetThinkingBudget());
    }

    [Fact]
    public async Task Options_without_a_policy_pass_unchanged()
    {
        Server.Enqueue(ScriptedResponse.Sse("openrouter/length.sse"));

        await AskAsync(new ChatOptions { Temperature = 0.25f, MaxOutputTokens = 100_000 });

        using var sent = JsonDocument.Parse(Server.Received[0].Body);
        Assert.Equal(0.25, sent.RootElement.GetProperty("temperature").GetDouble(), 3);
        Assert.Equal(100_000, sent.RootElement.GetProperty("max_tokens").GetInt32());
    }

    [Fact]
    public async Task A_policy_refusal_ends_the_stream_with_a_sentence_and_sends_nothing()
    {
        var events = await AskAsync(new ChatOptions { MaxOutputTokens = 1000 }.WithThinkingBudget(2048).WithModelPolicy(AnthropicLike));

        var failure = Assert.IsType<Failed>(Assert.Single(events)).Failure;
        Assert.Equal(ProviderFailureKind.BadRequest, failure.Kind);
        Assert.Contains("max tokens must be above 1,024", failure.UserMessage, StringComparison.Ordinal);
        Assert.Empty(Server.Received);
    }

    [Fact]
    public async Task Usage_cost_first_token_and_status_are_captured_by_provider_and_model()
    {
        Server.Enqueue(ScriptedResponse.Sse("openrouter/thinking-signed.sse"));

        var turn = TestProviders.Turn(await AskAsync(new ChatOptions().WithThinkingBudget(2048)));

        Assert.Equal(ChatTurnStatus.Complete, turn.Status);
        var finished = Assert.Single(metrics.Of(ProviderMetrics.TurnsFinished));
        Assert.Equal(TurnOutcomes.Complete, finished.Tags["status"]);
        Assert.Equal(ProviderKinds.OpenRouter, finished.Tags["provider"]);
        Assert.Equal(Model, finished.Tags["model"]);
        Assert.Equal(1, metrics.Sum(ProviderMetrics.TurnsStarted));
        Assert.Equal(42, metrics.Sum(ProviderMetrics.InputTokens));
        Assert.Equal(120, metrics.Sum(ProviderMetrics.OutputTokens));
        Assert.Equal(80, metrics.Sum(ProviderMetrics.ThinkingTokens));
        Assert.Equal(0.001926, metrics.Sum(ProviderMetrics.CostUsd), 9);
        var firstToken = Assert.Single(metrics.Of(ProviderMetrics.TimeToFirstToken));
        Assert.InRange(firstToken.Value, 0, Assert.Single(metrics.Of(ProviderMetrics.TurnDuration)).Value);
        Assert.Equal([1.0, -1.0], metrics.Of(ProviderMetrics.StreamsInFlight).Select(m => m.Value));
        // Only these labels, ever: no person, conversation or key.
        Assert.All(metrics.All.Where(m => m.Instrument.StartsWith("grimoire.", StringComparison.Ordinal)), m => Assert.Subset(new HashSet<string> { "provider", "model", "status" }, m.Tags.Keys.ToHashSet()));
    }

    [Fact]
    public async Task A_provider_failure_counts_as_failed_without_tokens()
    {
        Server.Enqueue(ScriptedResponse.Json(402, "openrouter/error-402.json"));

        var events = await AskAsync(null);

        Assert.Equal(ProviderFailureKind.BudgetExhausted, Assert.IsType<Failed>(events[^1]).Failure.Kind);
        Assert.Equal(TurnOutcomes.Failed, Assert.Single(metrics.Of(ProviderMetrics.TurnsFinished)).Tags["status"]);
        Assert.Empty(metrics.Of(ProviderMetrics.InputTokens));
        Assert.Empty(metrics.Of(ProviderMetrics.TimeToFirstToken));
        Assert.Contains(Providers.Logs.Lines, l => l.Contains("Information: openrouter call to " + Model + " failed (BudgetExhausted, HTTP 402)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_stopped_stream_counts_as_cancelled()
    {
        using var stop = new CancellationTokenSource();
        var client = Providers.Client(ProviderKinds.Simulated, SimulatedModelId);
        var events = new List<ChatEvent>();
        await foreach (var e in client.StreamEventsAsync([new ChatMessage(ChatRole.User, Question)], null, stop.Token))
        {
            events.Add(e);
            if (e is TextDelta)
            {
                await stop.CancelAsync();
            }
        }

        Assert.Equal(new Finished(FinishReason.Cancelled), events[^1]);
        var finished = Assert.Single(metrics.Of(ProviderMetrics.TurnsFinished));
        Assert.Equal(TurnOutcomes.Cancelled, finished.Tags["status"]);
        Assert.Equal(ProviderKinds.Simulated, finished.Tags["provider"]);
        Assert.Equal(0, metrics.Sum(ProviderMetrics.StreamsInFlight));
    }

    [Fact]
    public async Task Logs_name_provider_model_status_and_tokens_but_never_the_key_or_any_text()
    {
        Server.Enqueue(ScriptedResponse.Sse("openrouter/thinking-signed.sse"), ScriptedResponse.Json(401, "openrouter/error-401.json"));

        await AskAsync(null);
        await AskAsync(null);

        var lines = Providers.Logs.Lines;
        Assert.Contains(lines, l => l.Contains($"Information: openrouter call to {Model} complete in", StringComparison.Ordinal)
            && l.Contains("tokens 42 in, 120 out, 80 thinking, cost 0.001926 USD", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(TestProviders.Key, StringComparison.Ordinal));
        var informational = lines.Where(l => !l.Contains(" Debug: ", StringComparison.Ordinal) && !l.Contains(" Trace: ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(informational);
        Assert.DoesNotContain(informational, l => l.Contains("S-99127", StringComparison.Ordinal));
        Assert.DoesNotContain(informational, l => l.Contains(AnswerFragment, StringComparison.Ordinal));
        Assert.DoesNotContain(informational, l => l.Contains("naïve string", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UseOpenTelemetry_emits_a_gen_ai_span_with_the_model_and_no_message_content()
    {
        const string model = "anthropic/claude-telemetry-span-test";
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == GrimoireLlmServiceCollectionExtensions.TelemetrySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (Equals(activity.GetTagItem("gen_ai.request.model"), model))
                {
                    lock (spans)
                    {
                        spans.Add(activity);
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        Server.Enqueue(ScriptedResponse.Sse("openrouter/thinking-signed.sse"));

        await AskAsync(null, model);

        var span = Assert.Single(spans);
        Assert.Equal(42, Convert.ToInt64(span.GetTagItem("gen_ai.usage.input_tokens"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.DoesNotContain(span.TagObjects, t => t.Value?.ToString()?.Contains("S-99127", StringComparison.Ordinal) == true);
        Assert.DoesNotContain(span.TagObjects, t => t.Value?.ToString()?.Contains(TestProviders.Key, StringComparison.Ordinal) == true);
    }

    private const string SimulatedModelId = "simulated/swift";
}
