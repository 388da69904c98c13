using Grimoire.Core.Tests.Playground;
using Grimoire.Core.Courses;
using Grimoire.Core.Keys;
using Grimoire.Core.Playground;
using Grimoire.Core.Playground.Credentials;
using Grimoire.Core.Playground.Live;
using Grimoire.Core.Playground.Turns;
using Grimoire.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Grimoire.Core.Tests.Keys;

/// <summary>Server-side resolution of each student's own key at call time (AC2.3, AC2.4), through to the provider.</summary>
public abstract class StudentKeyCredentialsTests<TDatabase> : KeyDatabaseTest<TDatabase> where TDatabase : TestDatabase, new()
{
    private IProviderCredentials Credentials => Db.Get<IProviderCredentials>();

    [Fact]
    public async Task Each_student_gets_their_own_key_and_nobody_gets_one_for_a_course_they_hold_none_in()
    {
        var alex = await MintedKeyAsync(Alex);
        var priya = await MintedKeyAsync(Priya);
        var olga = await MintedKeyAsync(OtherStudent, OtherCourse.Id, OtherInstructor);

        Assert.IsType<StudentKeyCredentials>(Credentials);
        Assert.Equal(Fake.Key(alex.ProviderKeyHash).Plain, (await Credentials.ResolveAsync(Alex.Id, Course.Id, "openrouter", Ct))!.ApiKey);
        Assert.Equal(Fake.Key(priya.ProviderKeyHash).Plain, (await Credentials.ResolveAsync(Priya.Id, Course.Id, "openrouter", Ct))!.ApiKey);
        Assert.Equal(Fake.Key(olga.ProviderKeyHash).Plain, (await Credentials.ResolveAsync(OtherStudent.Id, OtherCourse.Id, "openrouter", Ct))!.ApiKey);
        Assert.Null(await Credentials.ResolveAsync(OtherStudent.Id, Course.Id, "openrouter", Ct));
        Assert.Null(await Credentials.ResolveAsync(Alex.Id, OtherCourse.Id, "openrouter", Ct));
        Assert.Null(await Credentials.ResolveAsync(Sam.Id, Course.Id, "openrouter", Ct));
        Assert.Null(await Credentials.ResolveAsync(Alex.Id, Course.Id, "anthropic", Ct));
        Assert.Equal("simulated", (await Credentials.ResolveAsync(Alex.Id, Course.Id, "simulated", Ct))!.Kind);
        Assert.DoesNotContain(Fake.Key(alex.ProviderKeyHash).Plain, (await Credentials.ResolveAsync(Alex.Id, Course.Id, "openrouter", Ct))!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Expired_and_tampered_keys_resolve_to_nothing_and_the_log_says_why_without_the_key()
    {
        var alex = await MintedKeyAsync(Alex);
        var priya = await MintedKeyAsync(Priya);
        await using (var db = Db.CreateContext())
        {
            await db.StudentApiKeys.Where(k => k.Id == alex.Id).ExecuteUpdateAsync(s => s.SetProperty(k => k.ExpiresAt, DateTime.UtcNow.AddMinutes(-1)), Ct);
            var tampered = priya.EncryptedKey.ToArray();
            tampered[^1] ^= 0x40;
            await db.StudentApiKeys.Where(k => k.Id == priya.Id).ExecuteUpdateAsync(s => s.SetProperty(k => k.EncryptedKey, tampered), Ct);
        }

        Assert.Null(await Credentials.ResolveAsync(Alex.Id, Course.Id, "openrouter", Ct));
        Assert.Null(await Credentials.ResolveAsync(Priya.Id, Course.Id, "openrouter", Ct));
        Assert.Contains(Logs.Lines, l => l.Contains($"Key {priya.Id}", StringComparison.Ordinal) && l.Contains("integrity check", StringComparison.Ordinal));
        AssertNoSecretsLogged();
    }

    [Fact]
    public async Task AC2_5_A_paused_or_expired_key_is_explained_to_the_student_and_no_key_at_all_gets_the_general_reason()
    {
        var alex = await MintedKeyAsync(Alex);
        var priya = await MintedKeyAsync(Priya);
        await Db.Get<StudentKeyProvisioner>().SetDisabledAsync(Instructor.Id, alex.Id, true, Ct);
        await using (var db = Db.CreateContext())
        {
            await db.StudentApiKeys.Where(k => k.Id == priya.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.ExpiresAt, new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc)), Ct);
        }

        Assert.Equal(StudentKeyCredentials.PausedKey, await Credentials.ExplainNoAccessAsync(Alex.Id, Course.Id, "openrouter", Ct));
        Assert.Contains("ended on 2026-02-28", await Credentials.ExplainNoAccessAsync(Priya.Id, Course.Id, "openrouter", Ct), StringComparison.Ordinal);
        Assert.Null(await Credentials.ExplainNoAccessAsync(Sam.Id, Course.Id, "openrouter", Ct));
        Assert.Null(await Credentials.ExplainNoAccessAsync(Alex.Id, OtherCourse.Id, "openrouter", Ct));
    }

    [Fact]
    public async Task A_playground_turn_on_an_openrouter_model_reaches_the_provider_with_the_students_own_key()
    {
        var alexKey = await MintedKeyAsync(Alex);
        await MintedKeyAsync(Priya);
        var model = new CourseModelConfig
        {
            CourseId = Course.Id, Provider = "openrouter", ModelId = "openai/gpt-4o-mini", DisplayName = "GPT-4o mini",
            ContextLength = 128_000, MaxOutputTokens = 16_000, InputPricePerMillion = 0.15m, OutputPricePerMillion = 0.6m,
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

        Assert.Equal([Fake.Key(alexKey.ProviderKeyHash).Plain], Fake.ChatKeys);
        await using var reader = Db.CreateContext();
        var answer = await reader.PlaygroundMessages.SingleAsync(m => m.Id == start.AssistantMessageId, Ct);
        Assert.Equal((MessageStatus.Complete, FakeOpenRouter.Reply), (answer.Status, answer.Content));
        Assert.Equal("gen-fake-1", answer.GenerationId);
        Assert.DoesNotContain("sk-or-v1", answer.RequestBody, StringComparison.Ordinal);
        AssertNoSecretsLogged();
    }
}

public sealed class StudentKeyCredentialsTestsOnSqlite : StudentKeyCredentialsTests<SqliteTestDatabase>;

public sealed class StudentKeyCredentialsTestsOnPostgres : StudentKeyCredentialsTests<PostgresTestDatabase>;
