using Grimoire.Core.Tests.Playground;
using System.Text;
using Grimoire.Core.Audit;
using Grimoire.Core.Courses;
using Grimoire.Core.Playground;
using Grimoire.Core.Playground.Live;
using Grimoire.Core.Playground.Turns;
using Grimoire.Core.Tests.Infrastructure;
using Grimoire.Core.Tests.Keys;

namespace Grimoire.Core.Tests.Audit;

/// <summary>No provider key ever reaches the archive: a real OpenRouter turn with a student's own key, then grep (non-functional: secrets).</summary>
public abstract class AuditSecretsTests<TDatabase> : KeyDatabaseTest<TDatabase> where TDatabase : TestDatabase, new()
{
    [Fact]
    public async Task A_turn_made_with_a_known_key_leaves_no_trace_of_it_in_the_archive()
    {
        var key = Fake.Key((await MintedKeyAsync(Alex)).ProviderKeyHash).Plain;
        var model = new CourseModelConfig
        {
            CourseId = Course.Id, Provider = "openrouter", ModelId = "openai/gpt-4o-mini", DisplayName = "GPT-4o mini",
            ContextLength = 128_000, MaxOutputTokens = 16_000,
        };
        await using (var db = Db.CreateContext())
        {
            db.CourseModelConfigs.Add(model);
            await db.SaveChangesAsync(Ct);
        }

        var conversation = await Db.Get<ConversationStore>().CreateAsync(Alex.Id, Course.Id, Ct);
        var start = await Db.Get<TurnRunner>().StartAsync(
            Alex.Id, conversation.Id, "Say hello", "Be brief.", new TurnSettings(model.Id, 0.5, 256, ThinkingEnabled: false), Ct);
        if (Db.Get<ILiveTurnHub>().LocalTurn(conversation.Id) is { } live)
        {
            await live.Completion.WaitAsync(TimeSpan.FromMinutes(1));
        }

        Assert.Equal([key], Fake.ChatKeys); // the key really was used on the wire
        var record = Assert.Single(ArchivedRecords.Read(Db));
        Assert.Equal(FakeOpenRouter.Reply, record.Text("data", "response", "text"));
        var authorization = record.Walk("data", "request", "headers").EnumerateArray()
            .Single(h => string.Equals(h.Text("name"), "Authorization", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("[redacted]", authorization.Text("value"));

        var archive = Encoding.UTF8.GetString(ArchivedRecords.AllBytes(Db));
        Assert.DoesNotContain(key, archive, StringComparison.Ordinal);
        Assert.DoesNotContain(key[^12..], archive, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeOpenRouter.ManagementKey, archive, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-or-v1", archive, StringComparison.Ordinal);
    }
}

public sealed class AuditSecretsTestsOnSqlite : AuditSecretsTests<SqliteTestDatabase>;

public sealed class AuditSecretsTestsOnPostgres : AuditSecretsTests<PostgresTestDatabase>;
