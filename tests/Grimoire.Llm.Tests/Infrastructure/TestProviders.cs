using Grimoire.Llm.Streaming;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Grimoire.Llm.Tests.Infrastructure;

/// <summary>The provider layer wired the way the app wires it (AddGrimoireLlm + configuration), pointed at a fake server.</summary>
internal sealed class TestProviders : IDisposable
{
    public const string Key = "sk-or-v1-TESTKEY-0123456789abcdef-do-not-leak";

    private readonly ServiceProvider services;

    public TestProviders(Uri? serverUrl, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Grimoire:Providers:Retry:DefaultDelay"] = "00:00:00",
            ["Grimoire:Providers:Simulated:DelayMs"] = "0",
        };
        if (serverUrl is not null)
        {
            values["Grimoire:Providers:OpenRouter:BaseUrl"] = serverUrl.ToString();
            values["Grimoire:Providers:Anthropic:BaseUrl"] = serverUrl.ToString();
            values["Grimoire:Providers:OpenAICompatible:BaseUrl"] = serverUrl.ToString();
        }

        foreach (var (name, value) in settings ?? new Dictionary<string, string?>())
        {
            values[name] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
        configure?.Invoke(services);
        services.AddGrimoireLlm(configuration);
        this.services = services.BuildServiceProvider();
    }

    public CapturingLoggerProvider Logs { get; } = new();

    public IServiceProvider Services => this.services;

    public IChatProviderRegistry Registry => this.services.GetRequiredService<IChatProviderRegistry>();

    public IChatClient Client(string kind, string model, string? key = Key) => Registry.CreateClient(new ProviderEndpoint(kind, key), model);

    public static async Task<List<ChatEvent>> CollectAsync(IChatClient client, IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var events = new List<ChatEvent>();
        await foreach (var e in client.StreamEventsAsync(messages, options, cancellationToken))
        {
            events.Add(e);
        }

        return events;
    }

    public static ChatTurn Turn(IEnumerable<ChatEvent> events)
    {
        var turn = new ChatTurn();
        foreach (var e in events)
        {
            turn.Apply(e);
        }

        return turn;
    }

    public void Dispose() => this.services.Dispose();
}
