using System.Text.Json;
using Grimoire.Llm.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Grimoire.Llm.Tests.Wire;

/// <summary>
/// Several people in one conversation (AC8.3): each user message's <see cref="ChatMessage.AuthorName"/> reaches the
/// provider as its wire format allows — the <c>name</c> field in chat completions, a "First name: " prefix for
/// Anthropic, which has no such field — and the body recorded for the request dialog is the body sent.
/// </summary>
public sealed class SpeakerNamesTests : IAsyncLifetime
{
    private ProviderHarness harness = null!;

    private FakeProviderServer Server => harness.Server;

    public async Task InitializeAsync() => harness = await ProviderHarness.StartAsync();

    public async Task DisposeAsync() => await harness.DisposeAsync();

    private static List<ChatMessage> TwoSpeakers() =>
    [
        new(ChatRole.User, "I think it is 4.") { AuthorName = "Ana" },
        new(ChatRole.Assistant, "Yes."),
        new(ChatRole.User, "And 3+3?") { AuthorName = "José María" },
    ];

    [Fact]
    public async Task AC8_3_chat_completions_send_each_speakers_first_name_in_the_name_field()
    {
        Server.Enqueue(ScriptedResponse.Sse("openrouter/long.sse"));
        var client = harness.Providers.Client(ProviderKinds.OpenRouter, "openai/gpt-4o-mini");

        var turn = TestProviders.Turn(await TestProviders.CollectAsync(client, TwoSpeakers()));

        var received = Assert.Single(Server.Received);
        Assert.Equal(received.Body, turn.Request!.Body.ToArray());
        using var body = JsonDocument.Parse(received.Body);
        var messages = body.RootElement.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal("Ana", messages[0].GetProperty("name").GetString());
        Assert.Equal("I think it is 4.", messages[0].GetProperty("content").GetString());
        Assert.False(messages[1].TryGetProperty("name", out _)); // the model's turns carry no name
        Assert.Equal("Jose_Maria", messages[2].GetProperty("name").GetString()); // OpenAI's pattern: [A-Za-z0-9_-]
        Assert.Equal("And 3+3?", messages[2].GetProperty("content").GetString());
    }

    [Fact]
    public async Task AC8_3_a_message_without_a_speaker_has_no_name_field()
    {
        Server.Enqueue(ScriptedResponse.Sse("openrouter/long.sse"));
        var client = harness.Providers.Client(ProviderKinds.OpenRouter, "openai/gpt-4o-mini");

        await TestProviders.CollectAsync(client, [new(ChatRole.User, "Alone here")]);

        using var body = JsonDocument.Parse(Assert.Single(Server.Received).Body);
        Assert.False(body.RootElement.GetProperty("messages")[0].TryGetProperty("name", out _));
    }

    [Fact]
    public async Task AC8_3_anthropic_gets_the_first_name_as_a_prefix_of_the_text()
    {
        Server.Enqueue(ScriptedResponse.Sse("anthropic/thinking.sse"));
        var client = harness.Providers.Client(ProviderKinds.Anthropic, "claude-sonnet-4-5-20250929");

        var turn = TestProviders.Turn(await TestProviders.CollectAsync(client, TwoSpeakers(), new ChatOptions { MaxOutputTokens = 1024 }));

        var received = Assert.Single(Server.Received);
        Assert.Equal(received.Body, turn.Request!.Body.ToArray());
        Assert.Contains(
            """"
            "messages":[{"role":"user","content":[{"type":"text","text":"Ana: I think it is 4."}]},{"role":"assistant","content":[{"type":"text","text":"Yes."}]},{"role":"user","content":[{"type":"text","text":"José María: And 3+3?"}]}]
            """",
            System.Text.Encoding.UTF8.GetString(received.Body), StringComparison.Ordinal);
    }
}
