using Bunit;
using Grimoire.Core.Playground;
using Grimoire.Web.Features.Playground.Messages;
using Grimoire.Web.Rendering;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Grimoire.Web.Tests.Features.Playground.Messages;

/// <summary>A fresh bUnit context per test with MudBlazor and the renderer registered as the app does.</summary>
public abstract class MessageComponentTest : BunitContext, IAsyncLifetime
{
    protected MessageComponentTest()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddGrimoireRendering();
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    // MudBlazor's services only dispose asynchronously, and xUnit 2 disposes test classes synchronously.
    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

    protected static MessageByline SampleByline() => new()
    {
        ModelDisplayName = "Claude Sonnet (simulated)",
        ModelId = "simulated/sonnet",
        InputTokens = 1234,
        OutputTokens = 567,
        ThinkingTokens = 89,
        CostUsd = 0.000123m,
        Temperature = 0.7,
        MaxTokens = 4096,
        Thinking = "budget 2,048 tokens",
        Duration = TimeSpan.FromMilliseconds(3450),
        TimeToFirstToken = TimeSpan.FromMilliseconds(820),
    };

    protected static ChatMessageView Assistant(string content = "The **answer**.") => new()
    {
        Id = Guid.NewGuid(),
        Role = MessageRole.Assistant,
        AuthorName = "Claude Sonnet (simulated)",
        Content = content,
        Byline = SampleByline(),
        RequestJson = """{"model":"simulated/sonnet","messages":[{"role":"user","content":"caf\u00e9 “hi”"}],"temperature":0.70}""",
        RequestUrl = "https://openrouter.ai/api/v1/chat/completions",
        CreatedAt = new DateTime(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc),
    };

    protected static ChatMessageView User(string content = "Hello *there*") => new()
    {
        Id = Guid.NewGuid(),
        Role = MessageRole.User,
        AuthorName = "Ada",
        Content = content,
        CreatedAt = new DateTime(2026, 11, 25, 9, 59, 0, DateTimeKind.Utc),
    };
}
