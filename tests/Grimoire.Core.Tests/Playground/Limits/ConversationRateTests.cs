using Grimoire.Core.Playground;
using Grimoire.Core.Playground.Forking;
using Grimoire.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Grimoire.Core.Tests.Playground.Limits;

/// <summary>
/// Conversations started per minute, per student (issue 17 item 8): one a minute here, so the set-up's conversation
/// spends it. New conversations and branches alike are refused with when to retry.
/// </summary>
public abstract class ConversationRateTests<TDatabase> : DatabaseTest<TDatabase> where TDatabase : TestDatabase, new()
{
    private PlaygroundScenario scenario = default!;

    public override async Task InitializeAsync()
    {
        Db.Settings["Grimoire:Playground:ConversationsPerMinute"] = "1";
        await base.InitializeAsync();
        scenario = new PlaygroundScenario(Db);
        await scenario.SetUpAsync();
    }

    [Fact]
    public async Task Starting_conversations_faster_than_the_rate_is_refused_with_when_to_retry_and_branches_count_too()
    {
        using var counter = new RefusalCounter(Db.Get<PlaygroundRefusals>());
        var store = Db.Get<ConversationStore>();
        var answer = await scenario.SendAndWaitAsync("Hi", scenario.SwiftSettings());

        var refused = await Assert.ThrowsAsync<PlaygroundLimitException>(() => store.CreateAsync(scenario.Student.Id, scenario.Course.Id, Ct));
        var branch = await Db.Get<ConversationForks>().ForkAsync(scenario.Student.Id, answer.Id, Ct).RefusedAsync();

        Assert.Matches(@"^You are starting new conversations faster than your course allows\. Try again in \d+ s\.$", refused.Message);
        Assert.StartsWith("You are starting new conversations faster than your course allows.", branch.Message, StringComparison.Ordinal);
        Assert.Equal([RefusalReasons.ConversationRate, RefusalReasons.ConversationRate], counter.Reasons);
        await using (var db = Db.CreateContext())
        {
            Assert.Equal(1, await db.PlaygroundConversations.CountAsync(c => c.OwnerId == scenario.Student.Id));
        }

        await store.CreateAsync(scenario.Classmate.Id, scenario.Course.Id, Ct); // each student has their own rate
    }
}

public sealed class ConversationRateTestsOnSqlite : ConversationRateTests<SqliteTestDatabase>;

public sealed class ConversationRateTestsOnPostgres : ConversationRateTests<PostgresTestDatabase>;
