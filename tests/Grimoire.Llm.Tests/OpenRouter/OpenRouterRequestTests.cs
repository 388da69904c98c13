using System.Text.Json;
using Grimoire.Llm.Streaming;
using Grimoire.Llm.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Grimoire.Llm.Tests.OpenRouter;

public sealed class OpenRouterRequestTests : IAsyncLifetime
{
    private ProviderHarness harness = null!;

    private FakeProviderServer Server => harness.Server;

    private TestProviders Providers => harness.Providers;

    public async Task InitializeAsync()
    {
        harness = await ProviderHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Grimoire:Providers:OpenRouter:SiteUrl"] = "https://grimoire.example.edu/",
        });
    }

    public async Task DisposeAsync() => await harness.DisposeAsync();

    [Fact]
    public async Task Second_turn_sends_the_first_turns_reasoning_details_back_unchanged()
    {
        Server.Enqueue(ScriptedResponse.Sse("openrouter/thinking-signed.sse"), ScriptedResponse.Sse("openrouter/length.sse"));
        var client = Providers.Client(ProviderKinds.OpenRouter, "anthropic/claude-sonnet-4.5");
        List<ChatMessage> history = [new(ChatRole.User, "First question")];
        var first = TestProviders.Turn(await TestProviders.CollectAsync(client, history, new ChatOptions().WithThinkingBudget(2048)));

        history.Add(first.ToAssistantMessage());
        history.Add(new ChatMessage(ChatRole.User, "Second question"));
        await TestProviders.CollectAsync(client, history, new ChatOptions().WithThinkingBudget(2048));

        using var second = JsonDocument.Parse(Server.Received[1].Body);
        var assistant = second.RootElement.GetProperty("messages")[1];
        Assert.Equal("assistant", assistant.GetProperty("role").GetString());
        var detail = Assert.Single(assistant.GetProperty("reasoning_details").EnumerateArray());
        Assert.Equal("reasoning.text", detail.GetProperty("type").GetString());
        Assert.Equal("The student asks about naïve string matching — Größe matters 🙂.", detail.GetProperty("text").GetString());
        Assert.Equal(first.ThinkingBlocks[0].Signature, detail.GetProperty("signature").GetString());
        Assert.Equal("anthropic-claude-v1", detail.GetProperty("format").GetString());
        Assert.Equal(0, detail.GetProperty("index").GetInt32());
    }

    [Fact]
    public async Task Effort_thinking_off_images_files_and_attribution_headers_are_written_as_openrouter_expects()
    {
        Server.Enqueue(ScriptedResponse.Sse("openrouter/length.sse"), ScriptedResponse.Sse("openrouter/length.sse"));
        var client = Providers.Client(ProviderKinds.OpenRouter, "openai/o4-mini");
        ChatMessage message = new(ChatRole.User,
        [
            new TextContent("What is in these?"),
            new DataContent(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, "image/png"),
            new DataContent("%PDF-1.4"u8.ToArray(), "application/pdf") { Name = "notes.pdf" },
        ]);

        await TestProviders.CollectAsync(client, [message], new ChatOptions { Reasoning = new() { Effort = ReasoningEffort.High } });
        await TestProviders.CollectAsync(client, [new(ChatRole.User, "Hi")], new ChatOptions { Reasoning = new() { Effort = ReasoningEffort.None } });

        using var first = JsonDocument.Parse(Server.Received[0].Body);
        Assert.Equal("high", first.RootElement.GetProperty("reasoning").GetProperty("effort").GetString());
        var parts = first.RootElement.GetProperty("messages")[0].GetProperty("content");
        Assert.Equal("text", parts[0].GetProperty("type").GetString());
        Assert.Equal("data:image/png;base64,iVBORw==", parts[1].GetProperty("image_url").GetProperty("url").GetString());
        Assert.Equal("notes.pdf", parts[2].GetProperty("file").GetProperty("filename").GetString());
        Assert.StartsWith("data:application/pdf;base64,", parts[2].GetProperty("file").GetProperty("file_data").GetString(), StringComparison.Ordinal);
        Assert.Equal("https://grimoire.example.edu/", Server.Received[0].Header("HTTP-Referer"));
        Assert.Equal("Grimoire Playground", Server.Received[0].Header("X-Title"));

        using var second = JsonDocument.Parse(Server.Received[1].Body);
        Assert.False(second.RootElement.GetProperty("reasoning").GetProperty("enabled").GetBoolean());
    }
}
