using Grimoire.Core.Data;
using Grimoire.Core.Playground;
using Grimoire.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Grimoire.Core.Tests.Data;

public abstract class DatabaseInitializerTests<TDatabase> : DatabaseTest<TDatabase> where TDatabase : TestDatabase, new()
{
    [Fact]
    public async Task Answers_left_streaming_by_a_crash_are_marked_interrupted_and_keep_what_arrived()
    {
        var owner = SampleData.User();
        var course = SampleData.Course();
        var conversation = SampleData.Conversation(SampleData.Workspace(course), course, owner);
        var streaming = SampleData.StreamingAnswer(conversation, owner, 1, "Half an ans");
        var done = SampleData.Message(conversation, owner, 2, status: MessageStatus.Complete);
        await using (var db = Db.CreateContext())
        {
            db.AddRange(conversation, streaming, done);
            await db.SaveChangesAsync(Ct);
        }

        var marked = await Db.Get<DatabaseInitializer>().MarkInterruptedTurnsAsync(Ct);

        Assert.Equal(1, marked);
        await using var reader = Db.CreateContext();
        var reloaded = await reader.PlaygroundMessages.SingleAsync(m => m.Id == streaming.Id, Ct);
        Assert.Equal(MessageStatus.Interrupted, reloaded.Status);
        Assert.Equal("Half an ans", reloaded.Content);
        Assert.Equal(DatabaseInitializer.InterruptedMessage, reloaded.ErrorText);
        Assert.Equal(MessageStatus.Complete, (await reader.PlaygroundMessages.SingleAsync(m => m.Id == done.Id, Ct)).Status);
    }

    [Fact]
    public async Task Migrating_twice_is_harmless()
    {
        await Db.Get<DatabaseInitializer>().MigrateAsync(Ct);
        await using var db = Db.CreateContext();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(Ct));
    }
}

public sealed class DatabaseInitializerTestsOnSqlite : DatabaseInitializerTests<SqliteTestDatabase>;

public sealed class DatabaseInitializerTestsOnPostgres : DatabaseInitializerTests<PostgresTestDatabase>;
