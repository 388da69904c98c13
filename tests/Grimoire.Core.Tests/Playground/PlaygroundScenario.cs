using Grimoire.Core.Accounts;
using Grimoire.Core.Courses;
using Grimoire.Core.Demo;
using Grimoire.Core.Playground;
using Grimoire.Core.Playground.Live;
using Grimoire.Core.Playground.Turns;
using Grimoire.Core.Tests.Infrastructure;
using Grimoire.Core.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace Grimoire.Core.Tests.Playground;

/// <summary>The seeded demo course, a student with a fresh conversation, and ways to run and await turns.</summary>
public sealed class PlaygroundScenario(TestDatabase db)
{
    public User Student { get; private set; } = default!;

    public User Classmate { get; private set; } = default!;

    /// <summary>The course's instructor: reads every workspace of the course, changes none (AC2.6).</summary>
    public User Instructor { get; private set; } = default!;

    public Course Course { get; private set; } = default!;

    public CourseModelConfig Thinker { get; private set; } = default!;

    public CourseModelConfig Swift { get; private set; } = default!;

    public CourseModelConfig Vision { get; private set; } = default!;

    public PlaygroundConversation Conversation { get; private set; } = default!;

    public async Task SetUpAsync()
    {
        await db.Get<DemoSeeder>().SeedIfEmptyAsync(CancellationToken.None);
        await using var context = db.CreateContext();
        Student = await context.Users.SingleAsync(u => u.Email == "alex@" + DemoData.Domain);
        Classmate = await context.Users.SingleAsync(u => u.Email == "priya@" + DemoData.Domain);
        Instructor = await context.Users.SingleAsync(u => u.Email == "instructor@" + DemoData.Domain);
        Course = await context.Courses.SingleAsync();
        var models = await context.CourseModelConfigs.ToListAsync();
        Thinker = models.Single(m => m.ModelId == "simulated/thinker");
        Swift = models.Single(m => m.ModelId == "simulated/swift");
        Vision = models.Single(m => m.ModelId == "simulated/vision");
        Conversation = await db.Get<ConversationStore>().CreateAsync(Student.Id, Course.Id, CancellationToken.None);
    }

    public TurnSettings ThinkerSettings(bool thinking = true, double? temperature = 0.7, int maxTokens = 4096) =>
        new(Thinker.Id, temperature, maxTokens, thinking, ThinkingBudget: 2048);

    public TurnSettings SwiftSettings(int maxTokens = 1024) => new(Swift.Id, 0.3, maxTokens, ThinkingEnabled: false);

    public Task<TurnStart> SendAsync(string text, TurnSettings settings, Guid? userId = null, string systemPrompt = "Be brief.") =>
        db.Get<TurnRunner>().StartAsync(userId ?? Student.Id, Conversation.Id, text, systemPrompt, settings, CancellationToken.None);

    /// <summary>Sends and waits for the answer's final write.</summary>
    public async Task<PlaygroundMessage> SendAndWaitAsync(string text, TurnSettings settings)
    {
        var start = await SendAsync(text, settings);
        await WaitForTurnAsync();
        return await MessageAsync(start.AssistantMessageId);
    }

    public async Task WaitForTurnAsync()
    {
        if (db.Get<ILiveTurnHub>().LocalTurn(Conversation.Id) is { } live)
        {
            await live.Completion.WaitAsync(TimeSpan.FromMinutes(1));
        }
    }

    /// <summary>Waits (bounded) until the running answer has some text: a condition, not a duration.</summary>
    public async Task<LiveTurn> WaitForTextAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (true)
        {
            if (db.Get<ILiveTurnHub>().LocalTurn(Conversation.Id) is { } live && live.Snapshot().Text.Length > 0)
            {
                return live;
            }

            await Task.Delay(5, timeout.Token);
        }
    }

    /// <summary>Gives <paramref name="user"/> a place in the conversation's workspace.</summary>
    public async Task AddMemberAsync(User user, WorkspacePermission permission)
    {
        await using var context = db.CreateContext();
        context.WorkspaceMembers.Add(new WorkspaceMember { WorkspaceId = Conversation.WorkspaceId, UserId = user.Id, Permission = permission });
        await context.SaveChangesAsync();
    }

    public async Task ArchiveCourseAsync()
    {
        await using var context = db.CreateContext();
        await context.Courses.Where(c => c.Id == Course.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.IsArchived, true));
    }

    /// <summary>Starts a long, paced answer and waits until some of it has arrived; stop it with <see cref="StopAsync"/>.</summary>
    public async Task<TurnStart> StartStreamingAsync()
    {
        db.Get<Microsoft.Extensions.Options.IOptions<Grimoire.Llm.GrimoireProvidersOptions>>().Value.Simulated.DelayMs = 20;
        var start = await SendAsync("Tell me a long story", SwiftSettings(maxTokens: 8000));
        await WaitForTextAsync();
        return start;
    }

    public async Task StopAsync()
    {
        db.Get<ILiveTurnHub>().LocalTurn(Conversation.Id)?.RequestStop();
        await WaitForTurnAsync();
        db.Get<Microsoft.Extensions.Options.IOptions<Grimoire.Llm.GrimoireProvidersOptions>>().Value.Simulated.DelayMs = 0;
    }

    public async Task<PlaygroundMessage> MessageAsync(Guid id)
    {
        await using var context = db.CreateContext();
        return await context.PlaygroundMessages.AsNoTracking().SingleAsync(m => m.Id == id);
    }

    public async Task<List<PlaygroundMessage>> MessagesAsync()
    {
        await using var context = db.CreateContext();
        return await context.PlaygroundMessages.AsNoTracking()
            .Where(m => m.ConversationId == Conversation.Id).OrderBy(m => m.Sequence).ToListAsync();
    }
}
