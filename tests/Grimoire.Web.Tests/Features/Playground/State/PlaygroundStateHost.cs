using Grimoire.Core.Data;
using Grimoire.Core.Demo;
using Grimoire.Web.Features.Playground.Session;
using Grimoire.Web.State;
using Grimoire.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Grimoire.Web.Tests.Features.Playground.State;

/// <summary>
/// The real host on its own SQLite database with the demo course (simulated models answer in-process), for testing
/// the playground's circuit state without a browser: each <see cref="CircuitAsync"/> is one circuit's scope, with
/// the real Core services behind it. Rate limits are raised so tests may create what they need.
/// </summary>
public sealed class PlaygroundStateHost : IAsyncLifetime
{
    public GrimoireAppFactory Factory { get; } = new(settings: new Dictionary<string, string?>
    {
        ["Grimoire:Playground:ConversationsPerMinute"] = "1000",
        ["Grimoire:Playground:TurnsPerMinute"] = "1000",
        ["Grimoire:Playground:TurnBurst"] = "1000",
        ["Grimoire:Playground:MaxAnswersInFlight"] = "50",
    });

    public IServiceProvider Services => Factory.Services;

    /// <summary>A new circuit for the demo person <paramref name="name"/> ("alex", "priya", "sam"), initialized on the playground.</summary>
    public async Task<Circuit> CircuitAsync(string name, Guid? conversationId = null)
    {
        var scope = Services.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<PlaygroundSession>();
        await session.InitializeAsync(await UserIdAsync(name), conversationId, CancellationToken.None);
        return new Circuit(scope, session);
    }

    public async Task<Guid> UserIdAsync(string name)
    {
        await using var db = await DbAsync();
        return await db.Users.Where(u => u.Email == name + "@" + DemoData.Domain).Select(u => u.Id).SingleAsync();
    }

    public async Task<GrimoireDbContext> DbAsync() =>
        await Services.GetRequiredService<IDbContextFactory<GrimoireDbContext>>().CreateDbContextAsync();

    Task IAsyncLifetime.InitializeAsync()
    {
        _ = Factory.Services; // starts the host: migrations and the demo data
        return Task.CompletedTask;
    }

    async Task IAsyncLifetime.DisposeAsync() => await Factory.DisposeAsync();
}

/// <summary>One circuit's playground state; disposing it ends the circuit (its scope).</summary>
public sealed class Circuit(AsyncServiceScope scope, PlaygroundSession session) : IAsyncDisposable
{
    public PlaygroundSession Session { get; } = session;

    public T Get<T>() where T : notnull => scope.ServiceProvider.GetRequiredService<T>();

    public ValueTask DisposeAsync() => scope.DisposeAsync();
}

internal static class StateWait
{
    /// <summary>
    /// Waits until <paramref name="condition"/> holds, re-checking on each change <paramref name="state"/> reports.
    /// The minute is only a guard against hanging the run; nothing asserts how fast it was.
    /// </summary>
    public static async Task UntilAsync(this ObservableState state, Func<bool> condition)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = state.Subscribe(() =>
        {
            if (condition())
            {
                reached.TrySetResult();
            }
        });
        if (condition())
        {
            return;
        }

        await reached.Task.WaitAsync(TimeSpan.FromMinutes(1));
    }
}
