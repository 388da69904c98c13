using Grimoire.Llm.Streaming;
using Grimoire.Llm.Tests.Infrastructure;
using Grimoire.Llm.Wire;
using Microsoft.Extensions.AI;

namespace Grimoire.Llm.Tests.OpenRouter;

public sealed class OpenRouterFailureTests : IAsyncLifetime
{
    private ProviderHarness harness = null!;

    private FakeProviderServer Server => harness.Server;

    private TestProviders Providers => harness.Providers;

    public async Task InitializeAsync()
    {
        harness = await ProviderHarness.StartAsync();
    }

    public async Task DisposeAsync() => await harness.DisposeAsync();

    private async Task<(List<ChatEvent> Events, ProviderFailure Failure)> FailAsync()
    {
        var events = await TestProviders.CollectAsync(
            Providers.Client(ProviderKinds.OpenRouter, "openai/gpt-4o"), [new(ChatRole.User, "Hi")]);
        return (events, Assert.IsType<Failed>(events[^1]).Failure);
    }

    [Theory]
    [InlineData(400, ProviderFailureKind.BadRequest, "temperature: Input should be less than or equal to 2")]
    [InlineData(401, ProviderFailureKind.Unauthorized, "key was rejected")]
    [InlineData(402, ProviderFailureKind.BudgetExhausted, "Your course budget for this key is used up")]
    [InlineData(403, ProviderFailureKind.Forbidden, "moderation flagged this input")]
    [InlineData(408, ProviderFailureKind.Timeout, "took too long")]
    public async Task Errors_before_the_stream_map_to_messages_and_are_not_retried(int status, ProviderFailureKind kind, string message)
    {
        Server.Enqueue(ScriptedResponse.Json(status, $"openrouter/error-{status}.json"));

        var (events, failure) = await FailAsync();

        Assert.Equal(kind, failure.Kind);
        Assert.Equal(status, failure.StatusCode);
        Assert.Contains(message, failure.UserMessage, StringComparison.Ordinal);
        Assert.Single(Server.Received);
        Assert.IsType<RequestSent>(events[0]);
        Assert.Equal(2, events.Count);
    }

    [Theory]
    [InlineData(502, "The model is down")]
    [InlineData(503, "No provider can serve this model")]
    public async Task Bad_gateway_and_unavailable_are_retried_once_then_fail(int status, string message)
    {
        Server.Enqueue(
            ScriptedResponse.Json(status, $"openrouter/error-{status}.json"),
            ScriptedResponse.Json(status, $"openrouter/error-{status}.json"));

        var (_, failure) = await FailAsync();

        Assert.Equal(ProviderFailureKind.ProviderUnavailable, failure.Kind);
        Assert.True(failure.Retryable);
        Assert.StartsWith(message, failure.UserMessage, StringComparison.Ordinal);
        Assert.Equal(2, Server.Received.Count);
        Assert.Equal(Server.Received[0].Body, Server.Received[1].Body);
    }

    [Fact]
    public async Task Rate_limit_with_a_long_retry_after_goes_to_the_user_with_the_wait()
    {
        Server.Enqueue(ScriptedResponse.Json(429, "openrouter/error-429.json", ("Retry-After", "20")));

        var (_, failure) = await FailAsync();

        Assert.Equal(ProviderFailureKind.RateLimited, failure.Kind);
        Assert.Equal(TimeSpan.FromSeconds(20), failure.RetryAfter);
        Assert.Equal("The provider is busy, try again in 20 s.", failure.UserMessage);
        Assert.Single(Server.Received);
    }

    [Fact]
    public async Task Rate_limit_with_a_short_retry_after_is_retried_once_and_streams()
    {
        Server.Enqueue(
            ScriptedResponse.Json(429, "openrouter/error-429.json", ("Retry-After", "0")),
            ScriptedResponse.Sse("openrouter/length.sse"));

        var events = await TestProviders.CollectAsync(Providers.Client(ProviderKinds.OpenRouter, "openai/gpt-4o"), [new(ChatRole.User, "Hi")]);

        Assert.Equal(new Finished(FinishReason.Length), events[^1]);
        Assert.Equal(2, Server.Received.Count);
        Assert.Single(events.OfType<RequestSent>());
    }

    [Fact]
    public async Task A_key_never_appears_in_failures_logs_or_the_captured_request()
    {
        var echo = "{\"error\":{\"code\":401,\"message\":\"Invalid key " + TestProviders.Key + " for this account\"}}";
        Server.Enqueue(ScriptedResponse.JsonText(401, echo));

        var (events, failure) = await FailAsync();

        Assert.DoesNotContain(TestProviders.Key, failure.UserMessage, StringComparison.Ordinal);
        Assert.DoesNotContain(TestProviders.Key, failure.ProviderMessage!, StringComparison.Ordinal);
        Assert.DoesNotContain(TestProviders.Key, new ProviderException(failure).Message, StringComparison.Ordinal);
        Assert.DoesNotContain(TestProviders.Key, events.OfType<RequestSent>().Single().Request.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(TestProviders.Key, string.Join(' ', events.OfType<RequestSent>().Single().Request.Headers), StringComparison.Ordinal);
        Assert.NotEmpty(Providers.Logs.Lines);
        Assert.DoesNotContain(Providers.Logs.Lines, line => line.Contains(TestProviders.Key, StringComparison.Ordinal));
        Assert.DoesNotContain(TestProviders.Key, new ProviderEndpoint(ProviderKinds.OpenRouter, TestProviders.Key).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_provider_is_a_network_failure()
    {
        var stopped = await FakeProviderServer.StartAsync();
        var url = stopped.BaseUrl;
        await stopped.DisposeAsync();
        using var providers = new TestProviders(url);

        var events = await TestProviders.CollectAsync(providers.Client(ProviderKinds.OpenRouter, "openai/gpt-4o"), [new(ChatRole.User, "Hi")]);

        Assert.Equal(ProviderFailureKind.Network, Assert.IsType<Failed>(events[^1]).Failure.Kind);
    }

    [Fact]
    public void A_missing_key_is_a_clear_failure()
    {
        var ex = Assert.Throws<ProviderException>(() => Providers.Client(ProviderKinds.OpenRouter, "openai/gpt-4o", key: null));

        Assert.Equal(ProviderFailureKind.Unauthorized, ex.Failure.Kind);
    }
}
