using System.Collections.Concurrent;
using Grimoire.Llm.OpenRouter.Keys;
using Grimoire.Llm.Streaming;
using Grimoire.Llm.Tests.Infrastructure;
using Grimoire.OpenRouterStandIn;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using StandInServer = Grimoire.OpenRouterStandIn.OpenRouterStandIn;

namespace Grimoire.Llm.Tests.StandIn;

/// <summary>
/// The OpenRouter stand-in on a free loopback port (no pacing, two keys a page, a hand-moved clock) and our real
/// provider layer — catalogue, key client, chat client — configured against it exactly as the app would be.
/// </summary>
public abstract class StandInTest : IAsyncLifetime
{
    internal const string ManagementKey = "standin-tests-management-key-do-not-leak";

    /// <summary>A Wednesday, so "weekly" and "daily" differ.</summary>
    internal static readonly DateTimeOffset Start = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    internal ManualTimeProvider Clock { get; } = new(Start);

    internal ConcurrentQueue<string> RequestLog { get; } = new();

    internal StandInServer Server { get; private set; } = null!;

    internal TestProviders Providers { get; private set; } = null!;

    internal IOpenRouterKeyClient Keys => Providers.Services.GetRequiredService<IOpenRouterKeyClient>();

    protected static CancellationToken Ct => CancellationToken.None;

    public virtual async Task InitializeAsync()
    {
        Server = await StandInServer.StartAsync(Options(), Ct);
        Providers = new TestProviders(Server.BaseUrl, new Dictionary<string, string?>
        {
            ["Grimoire:Providers:OpenRouter:ManagementKey"] = ManagementKey,
        });
    }

    public async Task DisposeAsync()
    {
        Providers.Dispose();
        await Server.DisposeAsync();
    }

    internal virtual OpenRouterStandInOptions Options() => new()
    {
        ManagementKey = ManagementKey,
        Pace = TimeSpan.Zero,
        PageSize = 2,
        Time = Clock,
        RequestLog = RequestLog.Enqueue,
    };

    internal Task<NewOpenRouterKey> MintAsync(decimal? limit = 5m, OpenRouterLimitReset reset = OpenRouterLimitReset.Weekly, DateTimeOffset? expires = null, string name = "Grimoire DEMO-101 alex@demo.grimoire.test") =>
        Keys.CreateAsync(new OpenRouterKeyCreate(name, limit, reset, expires), Ct);

    /// <summary>One streamed turn through the provider registry, as the playground runs it.</summary>
    internal async Task<ChatTurn> ChatAsync(string? key, string model, IEnumerable<ChatMessage> messages, ChatOptions? options = null)
    {
        var client = Providers.Registry.CreateClient(new ProviderEndpoint(ProviderKinds.OpenRouter, key), model);
        return TestProviders.Turn(await TestProviders.CollectAsync(client, messages, options, Ct));
    }

    internal Task<ChatTurn> AskAsync(string? key, string model = "anthropic/claude-sonnet-4.5", string question = "What is a binary search?", ChatOptions? options = null) =>
        ChatAsync(key, model, [new ChatMessage(ChatRole.User, question)], options);
}
