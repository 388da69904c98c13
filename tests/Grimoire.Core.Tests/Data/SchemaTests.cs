using System.Collections;
using Grimoire.Core.Accounts;
using Grimoire.Core.Data;
using Grimoire.Core.Playground;
using Grimoire.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Grimoire.Core.Tests.Data;

/// <summary>Seam 1: the schema covers every field, on both databases, built by migrations only.</summary>
public abstract class SchemaTests<TDatabase> : DatabaseTest<TDatabase> where TDatabase : TestDatabase, new()
{
    [Fact]
    public async Task Migrations_are_all_applied_and_match_the_model()
    {
        await using var db = Db.CreateContext();

        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync(Ct));
        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a migration for this provider.");
    }

    [Fact]
    public async Task Every_entity_round_trips_every_field()
    {
        var owner = SampleData.User("Alex");
        var tutor = SampleData.User("Tam");
        var course = SampleData.Course();
        var workspace = SampleData.Workspace(course);
        var conversation = SampleData.Conversation(workspace, course, owner);
        var model = SampleData.Model(course);
        var message = SampleData.Message(conversation, owner, modelConfigId: model.Id);
        var source = SampleData.Conversation(workspace, course, owner); // what the conversation was branched from (X2)
        var sourceMessage = SampleData.Message(source, owner);
        (conversation.ForkedFromConversationId, conversation.ForkedFromMessageId) = (source.Id, sourceMessage.Id);
        var job = SampleData.Job(course, tutor, owner);
        var platform = SampleData.LtiPlatform();
        var document = SampleData.Document(workspace);
        document.ConversationId = conversation.Id;
        var tag = SampleData.Tag(workspace);
        var highlight = SampleData.Highlight(document, tag, owner);
        var classShare = SampleData.ClassShare(course, tutor, conversation, source);
        object[] entities =
        [
            owner, tutor, SampleData.Login(owner), course, model, SampleData.Enrollment(tutor, course),
            workspace, SampleData.Member(workspace, owner), document, tag, highlight, highlight.Comments[0],
            SampleData.Key(owner, course), conversation, message, job, SampleData.JobItem(job, owner), SampleData.Anchor(),
            SampleData.Usage(conversation, message, owner, course, model),
            platform, SampleData.LtiDeployment(platform), SampleData.LtiLoginState(platform), SampleData.LtiContextLink(platform, course), SampleData.LtiToolKey(),
            SampleData.Attachment(workspace, owner, conversation),
            classShare, SampleData.ClassShareCopy(classShare, owner, conversation),
        ];
        await using (var db = Db.CreateContext())
        {
            db.AddRange(entities);
            db.AddRange(source, sourceMessage);
            await db.SaveChangesAsync(Ct);
            course.DefaultModelConfigId = db.CourseModelConfigs.Local.Single().Id;
            await db.SaveChangesAsync(Ct);
        }

        await using var reader = Db.CreateContext();
        var entityTypes = reader.Model.GetEntityTypes().ToList();
        Assert.Equal(entityTypes.Count, entities.Select(e => e.GetType()).Distinct().Count());
        foreach (var original in entities)
        {
            var type = reader.Model.FindEntityType(original.GetType())!;
            var id = (Guid)type.FindPrimaryKey()!.Properties[0].PropertyInfo!.GetValue(original)!;
            var loaded = await reader.FindAsync(original.GetType(), [id], Ct);
            Assert.NotNull(loaded);
            foreach (var property in type.GetProperties().Where(p => p.PropertyInfo is not null))
            {
                var expected = property.PropertyInfo!.GetValue(original);
                var actual = property.PropertyInfo.GetValue(loaded);
                Assert.False(IsDefault(expected), $"Sample {type.ClrType.Name}.{property.Name} is not set: the round-trip would prove nothing.");
                AssertSame(expected, actual, $"{type.ClrType.Name}.{property.Name}");
            }
        }
    }

    [Fact]
    public async Task Timestamps_come_back_as_utc_at_microsecond_precision()
    {
        var precise = new DateTime(2026, 3, 29, 1, 30, 0, DateTimeKind.Utc).AddTicks(1_234_567); // .1234567 s
        var local = new DateTime(2026, 7, 1, 12, 0, 0, DateTimeKind.Local);
        var user = SampleData.User();
        user.CreatedAt = precise;
        user.LastLoginAt = local;
        await using (var db = Db.CreateContext())
        {
            db.Users.Add(user);
            await db.SaveChangesAsync(Ct);
        }

        await using var reader = Db.CreateContext();
        var loaded = await reader.Users.SingleAsync(Ct);
        Assert.Equal(DateTimeKind.Utc, loaded.CreatedAt.Kind);
        Assert.Equal(precise.AddTicks(-7), loaded.CreatedAt);
        Assert.Equal(DateTimeKind.Utc, loaded.LastLoginAt!.Value.Kind);
        Assert.Equal(local.ToUniversalTime(), loaded.LastLoginAt);
        Assert.Equal(1, await reader.Users.CountAsync(u => u.CreatedAt > precise.AddSeconds(-1) && u.CreatedAt < precise.AddSeconds(1), Ct));
    }

    [Fact]
    public async Task Email_is_unique()
    {
        await using var db = Db.CreateContext();
        db.Users.AddRange(SampleData.User("Alex"), SampleData.User("Alex"));
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));
    }

    [Fact]
    public async Task An_identity_binds_to_one_person_and_a_person_to_one_identity_per_issuer()
    {
        var ana = SampleData.User("Ana");
        var kim = SampleData.User("Kim");
        await using (var db = Db.CreateContext())
        {
            db.AddRange(ana, kim, SampleData.Login(ana));
            await db.SaveChangesAsync(Ct);
        }

        var bound = SampleData.Login(ana);
        ExternalLogin[] clashes =
        [
            new() { UserId = kim.Id, Issuer = bound.Issuer, Subject = bound.Subject }, // the same identity, another person
            new() { UserId = ana.Id, Issuer = bound.Issuer, Subject = "another-sub" }, // a second identity at that issuer
        ];
        foreach (var clash in clashes)
        {
            await using var db = Db.CreateContext();
            db.Add(clash);
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));
        }
    }

    [Fact]
    public async Task A_conversation_position_holds_one_message()
    {
        var owner = SampleData.User();
        var course = SampleData.Course();
        var conversation = SampleData.Conversation(SampleData.Workspace(course), course, owner);
        await using var db = Db.CreateContext();
        db.AddRange(SampleData.Message(conversation, owner, sequence: 4), SampleData.Message(conversation, owner, sequence: 4));
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));
    }

    [Fact]
    public async Task Messages_read_back_in_sequence_order_and_conversations_newest_first()
    {
        var owner = SampleData.User();
        var course = SampleData.Course();
        var workspace = SampleData.Workspace(course);
        var older = SampleData.Conversation(workspace, course, owner);
        var newer = SampleData.Conversation(workspace, course, owner);
        newer.UpdatedAt = older.UpdatedAt.AddSeconds(1);
        newer.Title = "Newer";
        await using (var db = Db.CreateContext())
        {
            db.AddRange(older, newer);
            foreach (var sequence in new[] { 2, 0, 1 })
            {
                db.Add(SampleData.Message(newer, owner, sequence));
            }

            await db.SaveChangesAsync(Ct);
        }

        var history = await Db.Get<ConversationHistory>().ListOwnedAsync(owner.Id, 0, 10, Ct);
        Assert.Equal(["Newer", older.Title], history.Select(c => c.Title));
        Assert.Equal(3, history[0].MessageCount);
        Assert.Single(await Db.Get<ConversationHistory>().ListOwnedAsync(owner.Id, 1, 10, Ct));

        await using var reader = Db.CreateContext();
        var sequences = await reader.PlaygroundMessages.Where(m => m.ConversationId == newer.Id).OrderBy(m => m.Sequence).Select(m => m.Sequence).ToListAsync(Ct);
        Assert.Equal([0, 1, 2], sequences);
    }

    [Fact]
    public void The_real_queries_have_indexes()
    {
        using var db = Db.CreateContext();
        AssertIndex<PlaygroundConversation>(db, nameof(PlaygroundConversation.OwnerId), nameof(PlaygroundConversation.CourseId), nameof(PlaygroundConversation.UpdatedAt));
        AssertIndex<PlaygroundMessage>(db, nameof(PlaygroundMessage.ConversationId), nameof(PlaygroundMessage.Sequence));
        AssertIndex<Courses.CourseModelConfig>(db, nameof(Courses.CourseModelConfig.CourseId), nameof(Courses.CourseModelConfig.IsEnabled), nameof(Courses.CourseModelConfig.SortOrder));
        AssertIndex<User>(db, nameof(User.Email));
        AssertIndex<ExternalLogin>(db, nameof(ExternalLogin.Issuer), nameof(ExternalLogin.Subject));
    }

    private static void AssertIndex<T>(DbContext db, params string[] columns)
    {
        var indexes = db.Model.FindEntityType(typeof(T))!.GetIndexes();
        Assert.Contains(indexes, (IIndex i) => i.Properties.Select(p => p.Name).SequenceEqual(columns));
    }

    /// <summary>Unset means the sample proves nothing for that column. Flags are exempt: false is a real sample.</summary>
    private static bool IsDefault(object? value) => value switch
    {
        null => true,
        bool => false,
        string s => s.Length == 0,
        ICollection c => c.Count == 0,
        _ => value.Equals(Activator.CreateInstance(value.GetType())),
    };

    private static void AssertSame(object? expected, object? actual, string what)
    {
        switch (expected)
        {
            case byte[] bytes:
                Assert.True(bytes.AsSpan().SequenceEqual((byte[])actual!), what);
                break;
            case IEnumerable sequence when expected is not string:
                Assert.Equal(sequence.Cast<object>(), ((IEnumerable)actual!).Cast<object>());
                break;
            default:
                Assert.True(Equals(expected, actual), $"{what}: expected {expected}, got {actual}");
                break;
        }
    }
}

public sealed class SchemaTestsOnSqlite : SchemaTests<SqliteTestDatabase>;

public sealed class SchemaTestsOnPostgres : SchemaTests<PostgresTestDatabase>;
