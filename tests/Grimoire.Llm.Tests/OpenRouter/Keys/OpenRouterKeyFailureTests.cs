using Grimoire.Llm.OpenRouter.Keys;
using Grimoire.Llm.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Grimoire.Llm.Tests.OpenRouter.Keys;

/// <summary>Key-management failures become one clear exception type whose message never holds a secret (AC2.4).</summary>
public sealed class OpenRouterKeyFailureTests : KeyClientTest
{
    private static OpenRouterKeyCreate Request => new("Grimoire LING-210 alex@uni.test", 5m, OpenRouterLimitReset.Never, null);

    [Fact]
    public async Task A_rejected_management_key_names_the_setting_and_never_the_key()
    {
        // The error body echoes the management key, as a careless server might.
        Server.Enqueue(KeyApiResponses.Error(401, $"Invalid key {ManagementKey}"));

        var ex = await Assert.ThrowsAsync<OpenRouterKeyApiException>(() => Keys.CreateAsync(Request, Ct));

        Assert.Equal((OpenRouterKeyApiError.Unauthorized, 401), (ex.Error, ex.StatusCode));
        Assert.Contains("Grimoire:Providers:OpenRouter:ManagementKey", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ManagementKey, ex.ToString(), StringComparison.Ordinal);
        Assert.False(ex.IsTransient);
        Assert.Single(Server.Received);
        AssertNoSecretInLogs();
    }

    [Fact]
    public async Task A_bad_request_carries_the_providers_reason_scrubbed_of_the_management_key()
    {
        Server.Enqueue(KeyApiResponses.Error(400, $"limit must be positive (key {ManagementKey})"));

        var ex = await Assert.ThrowsAsync<OpenRouterKeyApiException>(() => Keys.CreateAsync(Request, Ct));

        Assert.Equal(OpenRouterKeyApiError.BadRequest, ex.Error);
        Assert.Contains("limit must be positive", ex.Message, StringComparison.Ordinal);
        Assert.Contains("[redacted]", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ManagementKey, ex.Message, StringComparison.Ordinal);
        AssertNoSecretInLogs();
    }

    [Fact]
    public async Task A_rate_limit_with_a_long_retry_after_is_reported_with_the_wait_and_not_retried()
    {
        Server.Enqueue(KeyApiResponses.Error(429, "Rate limit exceeded", ("Retry-After", "30")));

        var ex = await Assert.ThrowsAsync<OpenRouterKeyApiException>(() => Keys.ListPageAsync(0, Ct));

        Assert.Equal((OpenRouterKeyApiError.RateLimited, 429), (ex.Error, ex.StatusCode));
        Assert.Equal(TimeSpan.FromSeconds(30), ex.RetryAfter);
        Assert.Contains("try again in 30 s", ex.Message, StringComparison.Ordinal);
        Assert.True(ex.IsTransient);
        Assert.Single(Server.Received);
    }

    [Fact]
    public async Task A_rate_limit_with_a_short_wait_is_retried_once_even_for_create()
    {
        Server.Enqueue(KeyApiResponses.Error(429, "Rate limit exceeded", ("Retry-After", "0")), KeyApiResponses.Created(StudentKey, "h1"));

        var created = await Keys.CreateAsync(Request, Ct);

        Assert.Equal("h1", created.Info.Hash);
        Assert.Equal(2, Server.Received.Count);
        Assert.Equal(Server.Received[0].Body, Server.Received[1].Body);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    public async Task Server_errors_on_create_are_not_retried_so_no_second_key_is_minted(int status)
    {
        Server.Enqueue(KeyApiResponses.Error(status, "upstream trouble"));

        var ex = await Assert.ThrowsAsync<OpenRouterKeyApiException>(() => Keys.CreateAsync(Request, Ct));

        Assert.Equal((OpenRouterKeyApiError.Unavailable, status), (ex.Error, ex.StatusCode));
        Assert.StartsWith("OpenRouter had a problem", ex.Message, StringComparison.Ordinal);
        Assert.Single(Server.Received);
    }

    [Fact]
    public async Task An_unavailable_answer_to_a_safe_call_is_retried_once_then_reported()
    {
        Server.Enqueue(KeyApiResponses.Error(503, "down"), KeyApiResponses.Error(503, "down"));

        var ex = await Assert.ThrowsAsync<OpenRouterKeyApiException>(() => Keys.DeleteAsync("h1", Ct));

        Assert.Equal(OpenRouterKeyApiError.Unavailable, ex.Error);
        Assert.Equal(2, Server.Received.Count);
    }

    [Fact]
    public async Task Updating_a_missing_key_is_not_found()
    {
        Server.Enqueue(KeyApiResponses.Error(404, "Not found"));

        var ex = await Assert.ThrowsAsync<OpenRouterKeyApiException>(() => Keys.UpdateAsync("gone", new OpenRouterKeyUpdate { Disabled = true }, Ct));

        Assert.Equal(OpenRouterKeyApiError.NotFound, ex.Error);
    }

    [Fact]
    public async Task An_unreadable_answer_is_reported_as_unexpected()
    {
        Server.Enqueue(ScriptedResponse.JsonText(200, "{\"data\":"), ScriptedResponse.JsonText(200, "{\"items\":[]}"));

        Assert.Equal(OpenRouterKeyApiError.Unexpected, (await Assert.ThrowsAsync<OpenRouterKeyApiException>(() => Keys.ListPageAsync(0, Ct))).Error);
        Assert.Equal(OpenRouterKeyApiError.Unexpected, (await Assert.ThrowsAsync<OpenRouterKeyApiException>(() => Keys.ListPageAsync(0, Ct))).Error);
    }

    [Fact]
    public async Task Without_a_management_key_nothing_is_sent_and_the_setting_is_named()
    {
        using var providers = new TestProviders(Server.BaseUrl);
        var keys = providers.Services.GetRequiredService<IOpenRouterKeyClient>();

        var ex = await Assert.ThrowsAsync<OpenRouterKeyApiException>(() => keys.ListPageAsync(0, Ct));

        Assert.False(keys.IsConfigured);
        Assert.True(Keys.IsConfigured);
        Assert.Equal(OpenRouterKeyApiError.NotConfigured, ex.Error);
        Assert.Contains("Grimoire:Providers:OpenRouter:ManagementKey", ex.Message, StringComparison.Ordinal);
        Assert.Empty(Server.Received);
    }

    [Fact]
    public async Task An_unreachable_server_is_a_network_error_without_the_key()
    {
        using var providers = new TestProviders(new Uri("http://127.0.0.1:9/"), new Dictionary<string, string?>
        {
            ["Grimoire:Providers:OpenRouter:ManagementKey"] = ManagementKey,
        });
        var keys = providers.Services.GetRequiredService<IOpenRouterKeyClient>();

        var ex = await Assert.ThrowsAsync<OpenRouterKeyApiException>(() => keys.GetAsync("h1", Ct));

        Assert.Equal(OpenRouterKeyApiError.Network, ex.Error);
        Assert.DoesNotContain(ManagementKey, ex.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(providers.Logs.Lines, l => l.Contains(ManagementKey, StringComparison.Ordinal));
    }
}
