using Grimoire.Core;
using Grimoire.Core.Data;
using Grimoire.Core.Demo;
using Grimoire.Core.Playground;
using Grimoire.Core.Playground.Live;
using Grimoire.Core.Playground.Turns;
using Grimoire.Llm;
using Grimoire.Llm.Streaming;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace Grimoire.Benchmarks.Playground;

/// <summary>
/// The core services wired exactly as tests/Grimoire.Core.Tests/Infrastructure/TestDatabase.cs does (ServiceCollection,
/// logging, host environment, <see cref="CoreServiceCollectionExtensions.AddGrimoireCore"/>), on a SQLite file in a
/// temp folder, migrated and seeded with the demo course. Turns go through the real <see cref="TurnRunner"/>; the
/// bare baseline streams the same request from the same simulated provider.
/// </summary>
internal sealed class PlaygroundServices : IAsyncDisposable
{
    public const string Prompt = "Explain recursion with an example";
    public const string SystemPrompt = "Be brief.";
    public const string ModelId = "simulated/swift";

    private readonly string dataDirectory;
    private readonly ServiceProvider services;
    private readonly AsyncServiceScope scope;

    private PlaygroundServices(string dataDirectory, ServiceProvider services)
    {
        this.dataDirectory = dataDirectory;
        this.services = services;
        scope = services.CreateAsyncScope();
    }

    public Guid StudentId { get; private set; }

    public Guid CourseId { get; private set; }

    public TurnSettings Settings { get; private set; } = default!;

    public TurnRunner Runner => services.GetRequiredService<TurnRunner>();

    public ILiveTurnHub Hub => services.GetRequiredService<ILiveTurnHub>();

    public IChatProviderRegistry Registry => services.GetRequiredService<IChatProviderRegistry>();

    /// <summary>The wired services, for measurements of other parts (attachments).</summary>
    public IServiceProvider Provider => services;

    /// <param name="delayMs">The simulated provider's pause between pieces: 0 to measure CPU, high to hold turns open.</param>
    public static async Task<PlaygroundServices> StartAsync(int delayMs)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "grimoire-benchmarks", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDirectory);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Grimoire:DataDirectory"] = dataDirectory,
            ["Grimoire:Database:Provider"] = nameof(DatabaseProvider.Sqlite),
            // Empty: the product's default, grimoire.db in the data folder with connection pooling on.
            ["Grimoire:Database:ConnectionString"] = "",
            ["Grimoire:Providers:Simulated:DelayMs"] = delayMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Grimoire:Playground:TurnsPerMinute"] = "0",
        }).Build();

        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddSingleton<IHostEnvironment>(new BenchmarkHostEnvironment(dataDirectory));
        collection.AddGrimoireCore(configuration);
        var playground = new PlaygroundServices(dataDirectory, collection.BuildServiceProvider(validateScopes: true));
        await playground.InitializeAsync();
        return playground;
    }

    private async Task InitializeAsync()
    {
        var provider = scope.ServiceProvider;
        await provider.GetRequiredService<DatabaseInitializer>().MigrateAsync(CancellationToken.None);
        await provider.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync(CancellationToken.None);
        await using var db = await services.GetRequiredService<IDbContextFactory<GrimoireDbContext>>().CreateDbContextAsync();
        StudentId = (await db.Users.SingleAsync(u => u.Email == "alex@" + DemoData.Domain)).Id;
        CourseId = (await db.Courses.SingleAsync()).Id;
        var swift = await db.CourseModelConfigs.SingleAsync(m => m.ModelId == ModelId);
        Settings = new TurnSettings(swift.Id, 0.3, 1024, ThinkingEnabled: false);
    }

    /// <summary>Fresh, empty conversations: every measured turn is the first of its conversation.</summary>
    public async Task<Guid[]> CreateConversationsAsync(int count)
    {
        var store = services.GetRequiredService<ConversationStore>();
        var ids = new Guid[count];
        for (var i = 0; i < count; i++)
        {
            ids[i] = (await store.CreateAsync(StudentId, CourseId, CancellationToken.None)).Id;
        }

        return ids;
    }

    /// <summary>Starts one turn per conversation, all at once (each start on the thread pool, like separate circuits).</summary>
    public async Task<LiveTurn?[]> StartTurnsAsync(IReadOnlyList<Guid> conversations)
    {
        var starts = conversations.Select(id => Task.Run(async () =>
        {
            await Runner.StartAsync(StudentId, id, Prompt, SystemPrompt, Settings, CancellationToken.None); // a refusal throws

            // Null when the turn already finished (and left the hub) before this line ran.
            return Hub.Running.FirstOrDefault(t => t.ConversationId == id);
        }));
        return await Task.WhenAll(starts);
    }

    /// <summary>Runs one turn per conversation concurrently and waits until every answer's final write is done.</summary>
    public async Task RunTurnsAsync(IReadOnlyList<Guid> conversations)
    {
        var running = await StartTurnsAsync(conversations);
        await Task.WhenAll(running.Select(t => t?.Completion ?? Task.CompletedTask));
    }

    /// <summary>Throws unless every conversation ends with a complete answer (a benchmark of failed turns measures nothing).</summary>
    public async Task VerifyAnsweredAsync(IReadOnlyCollection<Guid> conversations)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<GrimoireDbContext>>().CreateDbContextAsync();
        var complete = await db.PlaygroundMessages.CountAsync(m =>
            conversations.Contains(m.ConversationId) && m.Role == MessageRole.Assistant && m.Status == MessageStatus.Complete && m.Content != "");
        if (complete != conversations.Count)
        {
            throw new InvalidOperationException($"Only {complete} of {conversations.Count} turns ended with a complete answer.");
        }
    }

    /// <summary>The baseline: the same request to the same simulated model, events consumed bare. Returns text deltas seen.</summary>
    public Task<int[]> StreamBareAsync(int count, Action? onFirstEvent = null, CancellationToken cancellationToken = default) =>
        Task.WhenAll(Enumerable.Range(0, count).Select(_ => Task.Run(() => StreamOnceAsync(Registry, onFirstEvent, cancellationToken), CancellationToken.None)));

    /// <summary>One bare stream: a client per turn (as TurnExecution does), every event read, text deltas counted.</summary>
    public static async Task<int> StreamOnceAsync(IChatProviderRegistry registry, Action? onFirstEvent = null, CancellationToken cancellationToken = default)
    {
        var client = registry.CreateClient(new ProviderEndpoint("simulated"), ModelId);
        var deltas = 0;
        var first = true;
        await foreach (var chatEvent in client.StreamEventsAsync(History(), Options(), cancellationToken))
        {
            if (first)
            {
                first = false;
                onFirstEvent?.Invoke();
            }

            if (chatEvent is TextDelta)
            {
                deltas++;
            }
        }

        return deltas;
    }

    /// <summary>
    /// The bare stream plus exactly what <see cref="TurnExecution"/> does per event apart from checkpoints: read the clock, apply it to a <see cref="LiveTurn"/> (which folds it into its
    /// <see cref="ChatTurn"/>) registered in the hub. Returns text deltas.
    /// </summary>
    public Task<int[]> StreamThroughHubAsync(int count) =>
        Task.WhenAll(Enumerable.Range(0, count).Select(_ => Task.Run(StreamOnceThroughHubAsync)));

    private async Task<int> StreamOnceThroughHubAsync()
    {
        var time = services.GetRequiredService<TimeProvider>();
        var live = (await Hub.TryBeginAsync(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), CancellationToken.None))!;
        var client = Registry.CreateClient(new ProviderEndpoint("simulated"), ModelId);
        var deltas = 0;
        DateTime? firstTokenAt = null;
        await foreach (var chatEvent in client.StreamEventsAsync(History(), Options(), live.StopToken))
        {
            var now = time.GetUtcNow().UtcDateTime;
            live.Apply(chatEvent, now);
            firstTokenAt ??= live.FirstTokenAt;
            if (chatEvent is TextDelta)
            {
                deltas++;
            }
        }

        Hub.Finish(live);
        live.Dispose();
        return firstTokenAt is null ? 0 : deltas;
    }

    /// <summary>What TurnRunner sends for the first message of a conversation with <see cref="Settings"/>.</summary>
    public static List<ChatMessage> History() => [new ChatMessage(ChatRole.User, Prompt)];

    public static ChatOptions Options() => new() { Instructions = SystemPrompt, MaxOutputTokens = 1024, Temperature = 0.3f };

    public async ValueTask DisposeAsync()
    {
        await services.GetRequiredService<TurnExecution>().ShutdownAsync(CancellationToken.None);
        await scope.DisposeAsync();
        await services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    private sealed class BenchmarkHostEnvironment(string contentRoot) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Demo";
        public string ApplicationName { get; set; } = "Grimoire.Benchmarks";
        public string ContentRootPath { get; set; } = contentRoot;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
