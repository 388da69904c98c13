using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Grimoire.OpenRouterStandIn;

namespace Grimoire.Llm.Tests.StandIn;

/// <summary>The stand-in's bytes on the wire, read with a plain <see cref="HttpClient"/> (what a curl user sees).</summary>
public sealed class StandInWireTests : StandInTest, IDisposable
{
    private const string ServerKey = "sk-or-v1-operator-check-key-do-not-leak";

    private readonly HttpClient http = new();

    public void Dispose() => http.Dispose();

    internal override OpenRouterStandInOptions Options() => base.Options() with { ServerApiKey = ServerKey };

    private Task<HttpResponseMessage> PostChatAsync(string? key, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Server.BaseUrl, "api/v1/chat/completions"))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return http.SendAsync(request);
    }

    [Fact]
    public async Task The_catalogue_is_public_and_sends_prices_as_strings_per_token()
    {
        using var doc = JsonDocument.Parse(await http.GetStringAsync(new Uri(Server.BaseUrl, "api/v1/models")));

        var sonnet = doc.RootElement.GetProperty("data").EnumerateArray().Single(m => m.GetProperty("id").GetString() == "anthropic/claude-sonnet-4.5");
        Assert.Equal("0.000003", sonnet.GetProperty("pricing").GetProperty("prompt").GetString());
        Assert.Equal("0.000015", sonnet.GetProperty("pricing").GetProperty("completion").GetString());
        Assert.Contains("reasoning", sonnet.GetProperty("supported_parameters").EnumerateArray().Select(p => p.GetString()));
    }

    [Fact]
    public async Task A_stream_opens_with_a_keepalive_comment_and_ends_with_usage_then_done()
    {
        using var response = await PostChatAsync(ServerKey,
            """{"model":"openai/gpt-4o-mini","messages":[{"role":"user","content":"Hi"}],"stream":true}""");
        var lines = (await response.Content.ReadAsStringAsync()).Split("\n\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("gen-", response.Headers.GetValues("X-Generation-Id").Single(), StringComparison.Ordinal);
        Assert.Equal(": OPENROUTER PROCESSING", lines[0]);
        Assert.Equal("data: [DONE]", lines[^1]);
        using var usage = JsonDocument.Parse(lines[^2]["data: ".Length..]);
        Assert.True(usage.RootElement.GetProperty("usage").GetProperty("cost").GetDecimal() > 0);
        using var finish = JsonDocument.Parse(lines[^3]["data: ".Length..]);
        Assert.Equal("stop", finish.RootElement.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task Without_stream_the_answer_comes_whole_and_the_operator_key_is_charged_nowhere()
    {
        using var response = await PostChatAsync(ServerKey,
            """{"model":"deepseek/deepseek-r1","messages":[{"role":"user","content":"Hi"}]}""");
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var message = doc.RootElement.GetProperty("choices")[0].GetProperty("message");
        Assert.Contains("local OpenRouter stand-in", message.GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.NotEqual("", message.GetProperty("reasoning").GetString());
        Assert.Equal("chat.completion", doc.RootElement.GetProperty("object").GetString());
        Assert.True(doc.RootElement.GetProperty("usage").GetProperty("cost").GetDecimal() > 0);
        Assert.Empty(Server.Keys);
        Assert.False(Assert.Single(Server.ChatCalls).Stream);
    }

    [Theory]
    [InlineData(null, "No auth credentials found")]
    [InlineData(ManagementKey, "Management keys cannot be used for completions")]
    public async Task Chat_refusals_use_OpenRouters_error_shape(string? key, string message)
    {
        using var response = await PostChatAsync(key, """{"model":"openai/gpt-4o-mini","messages":[{"role":"user","content":"Hi"}]}""");
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(401, doc.RootElement.GetProperty("error").GetProperty("code").GetInt32());
        Assert.StartsWith(message, doc.RootElement.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_paths_answer_404_in_the_same_shape()
    {
        using var response = await http.GetAsync(new Uri(Server.BaseUrl, "api/v1/nothing-here"));
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(404, doc.RootElement.GetProperty("error").GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task Starting_without_a_management_key_is_refused()
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() =>
            OpenRouterStandIn.OpenRouterStandIn.StartAsync(new OpenRouterStandInOptions { ManagementKey = " " }, Ct));

        Assert.Contains("management key", ex.Message, StringComparison.Ordinal);
    }
}
