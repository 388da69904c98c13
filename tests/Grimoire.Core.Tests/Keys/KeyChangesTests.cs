using Grimoire.Core.Keys;
using Grimoire.Core.Playground.Credentials;
using Grimoire.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Grimoire.Core.Tests.Keys;

/// <summary>Budget changes, pausing, rotation and revocation, at the provider and in the database (AC2.3, AC2.5).</summary>
public abstract class KeyChangesTests<TDatabase> : KeyDatabaseTest<TDatabase> where TDatabase : TestDatabase, new()
{
    private Task<Grimoire.Llm.ProviderEndpoint?> ResolveAsync(Guid userId) =>
        Db.Get<IProviderCredentials>().ResolveAsync(userId, Course.Id, "openrouter", Ct);

    [Fact]
    public async Task Disabling_pauses_the_key_at_the_provider_and_for_the_playground_and_enabling_resumes_it()
    {
        var row = await MintedKeyAsync(Alex);

        await Keys.SetDisabledAsync(Instructor.Id, row.Id, true, Ct);

        Assert.True(Fake.Key(row.ProviderKeyHash).Disabled);
        Assert.True((await KeysOfAsync(Alex.Id)).Single().IsDisabled);
        Assert.Null(await ResolveAsync(Alex.Id));

        await Keys.SetDisabledAsync(Instructor.Id, row.Id, false, Ct);

        Assert.False(Fake.Key(row.ProviderKeyHash).Disabled);
        Assert.Equal(Fake.Key(row.ProviderKeyHash).Plain, (await ResolveAsync(Alex.Id))!.ApiKey);
        Assert.Equal(["POST /api/v1/keys", $"PATCH /api/v1/keys/{row.ProviderKeyHash}", $"PATCH /api/v1/keys/{row.ProviderKeyHash}"], Fake.Calls);
    }

    [Fact]
    public async Task Rotating_mints_a_successor_with_the_same_budget_then_revokes_the_old_key()
    {
        var old = await MintedKeyAsync(Alex);
        await Keys.SetDisabledAsync(Instructor.Id, old.Id, true, Ct);

        var newId = await Keys.RotateAsync(Instructor.Id, old.Id, Ct);

        var rows = await KeysOfAsync(Alex.Id);
        var (previous, successor) = (rows.Single(k => k.Id == old.Id), rows.Single(k => k.Id == newId));
        Assert.NotNull(previous.RevokedAt);
        Assert.Null(successor.RevokedAt);
        Assert.True(Fake.Key(old.ProviderKeyHash).Deleted);
        var minted = Fake.Key(successor.ProviderKeyHash);
        Assert.False(minted.Deleted);
        Assert.True(minted.Disabled && successor.IsDisabled);
        Assert.Equal((old.BudgetLimit, old.BudgetResetPeriod, old.ExpiresAt), (successor.BudgetLimit, successor.BudgetResetPeriod, successor.ExpiresAt));
        Assert.Equal(minted.Plain, Db.Get<KeyVault>().Decrypt(successor));

        await Keys.SetDisabledAsync(Instructor.Id, newId, false, Ct);
        Assert.Equal(minted.Plain, (await ResolveAsync(Alex.Id))!.ApiKey);
        AssertNoSecretsLogged();
    }

    [Fact]
    public async Task Revoking_deletes_at_the_provider_marks_the_row_and_is_safe_to_repeat()
    {
        var row = await MintedKeyAsync(Alex);

        await Keys.RevokeAsync(Instructor.Id, row.Id, Ct);
        await Keys.RevokeAsync(Instructor.Id, row.Id, Ct);

        Assert.True(Fake.Key(row.ProviderKeyHash).Deleted);
        Assert.NotNull((await KeysOfAsync(Alex.Id)).Single().RevokedAt);
        Assert.Null(await ResolveAsync(Alex.Id));
        Assert.Single(Fake.Calls, c => c.StartsWith("DELETE", StringComparison.Ordinal));
        await Assert.ThrowsAsync<KeyProvisioningException>(() => Keys.SetDisabledAsync(Instructor.Id, row.Id, true, Ct));
        Assert.Equal(KeyMintOutcome.Minted, (await Keys.MintAsync(Instructor.Id, Course.Id, Alex.Id, "openrouter", Ct)).Outcome);
    }

    [Fact]
    public async Task Changing_the_budget_patches_limit_and_reset_and_an_earlier_expiry_needs_no_new_key()
    {
        var row = await MintedKeyAsync(Alex);
        var sooner = row.ExpiresAt!.Value.AddDays(-30);

        var id = await Keys.ChangeBudgetAsync(Instructor.Id, row.Id, new KeyBudget(12.5m, BudgetResetPeriod.Monthly, sooner), Ct);

        Assert.Equal(row.Id, id);
        var minted = Fake.Key(row.ProviderKeyHash);
        Assert.Equal((12.5m, "monthly"), (minted.Limit, minted.LimitReset));
        var stored = (await KeysOfAsync(Alex.Id)).Single();
        Assert.Equal((12.5m, BudgetResetPeriod.Monthly, sooner), (stored.BudgetLimit, stored.BudgetResetPeriod, stored.ExpiresAt!.Value));
        Assert.Equal(["POST /api/v1/keys", $"PATCH /api/v1/keys/{row.ProviderKeyHash}"], Fake.Calls);
    }

    [Fact]
    public async Task A_later_expiry_than_the_provider_allows_replaces_the_key()
    {
        var row = await MintedKeyAsync(Alex);
        var later = row.ExpiresAt!.Value.AddDays(60);

        var id = await Keys.ChangeBudgetAsync(Instructor.Id, row.Id, new KeyBudget(5m, BudgetResetPeriod.Weekly, later), Ct);

        Assert.NotEqual(row.Id, id);
        Assert.True(Fake.Key(row.ProviderKeyHash).Deleted);
        var successor = (await KeysOfAsync(Alex.Id)).Single(k => k.Id == id);
        Assert.Equal(later, successor.ExpiresAt);
        Assert.Equal(later.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", null), Fake.Key(successor.ProviderKeyHash).ExpiresAt);
    }

    [Fact]
    public async Task The_table_shows_every_status_and_spend_read_across_listing_pages()
    {
        var active = await MintedKeyAsync(Alex);
        var disabled = await MintedKeyAsync(Priya);
        await Keys.SetDisabledAsync(Instructor.Id, disabled.Id, true, Ct);
        var expired = await MintedKeyAsync(Sam);
        await using (var db = Db.CreateContext())
        {
            await db.StudentApiKeys.Where(k => k.Id == expired.Id).ExecuteUpdateAsync(s => s.SetProperty(k => k.ExpiresAt, DateTime.UtcNow.AddDays(-1)), Ct);
        }

        var extra = (await AddStudentsAsync(3)).ToList();
        var revoked = await MintedKeyAsync(extra[0]);
        await Keys.RevokeAsync(Instructor.Id, revoked.Id, Ct);
        await MintedKeyAsync(extra[1]);
        await MintedKeyAsync(extra[2]);
        Fake.Key(active.ProviderKeyHash).Usage = 1.5m;

        var list = await Keys.ListAsync(Instructor.Id, Course.Id, "openrouter", refreshSpend: true, Ct);

        Assert.Null(list.SpendProblem);
        Assert.NotNull(list.SpendAsOf);
        Assert.Equal(6, list.Rows.Count);
        var byStudent = list.Rows.ToDictionary(r => r.StudentId);
        Assert.Equal(StudentKeyStatus.Active, byStudent[Alex.Id].Status);
        Assert.Equal((1.5m, 0.75m, 3.5m), (byStudent[Alex.Id].Spend, byStudent[Alex.Id].SpendThisPeriod, byStudent[Alex.Id].LimitRemaining));
        Assert.Equal(StudentKeyStatus.Disabled, byStudent[Priya.Id].Status);
        Assert.Equal(0m, byStudent[Priya.Id].Spend);
        Assert.Equal(StudentKeyStatus.Expired, byStudent[Sam.Id].Status);
        Assert.Equal(StudentKeyStatus.Revoked, byStudent[extra[0].Id].Status);
        Assert.Equal(StudentKeyStatus.Active, byStudent[extra[2].Id].Status);
        Assert.All(list.Rows, r => Assert.False(r.MissingAtProvider));
        Assert.True(Fake.Calls.Count(c => c.StartsWith("GET /api/v1/keys?", StringComparison.Ordinal)) >= 3, "The listing should span several pages.");
        Assert.Contains("GET /api/v1/keys?include_disabled=true&offset=2", Fake.Calls);

        await using (var db = Db.CreateContext())
        {
            await db.Enrollments.Where(e => e.UserId == extra[1].Id).ExecuteDeleteAsync(Ct);
            await db.StudentApiKeys.Where(k => k.UserId == extra[2].Id).ExecuteDeleteAsync(Ct);
        }

        var quick = await Keys.ListAsync(Instructor.Id, Course.Id, "openrouter", refreshSpend: false, Ct);
        Assert.Equal(StudentKeyStatus.None, quick.Rows.Single(r => r.StudentId == extra[2].Id).Status);
        Assert.Equal(1.5m, quick.Rows.Single(r => r.StudentId == Alex.Id).Spend); // kept from the refresh (issue 17 item 13)
        Assert.Equal(list.SpendAsOf, quick.SpendAsOf);
        Assert.Null(quick.Rows.Single(r => r.StudentId == extra[1].Id).Role); // unenrolled but still holding a key: listed
    }

    [Fact]
    public async Task Spend_that_cannot_be_read_leaves_the_table_with_a_reason()
    {
        await MintedKeyAsync(Alex);
        Db.Get<Microsoft.Extensions.Options.IOptions<Grimoire.Llm.GrimoireProvidersOptions>>().Value.OpenRouter.ManagementKey = "sk-or-v1-wrong";

        var list = await Keys.ListAsync(Instructor.Id, Course.Id, "openrouter", refreshSpend: true, Ct);

        Assert.Contains("rejected the management key", list.SpendProblem, StringComparison.Ordinal);
        Assert.Equal(StudentKeyStatus.Active, list.Rows.Single(r => r.StudentId == Alex.Id).Status);
    }

    [Fact]
    public async Task Unenrolling_revokes_every_key_the_student_holds_in_that_course_only()
    {
        var first = await MintedKeyAsync(Alex);
        var second = await Keys.RotateAsync(Instructor.Id, first.Id, Ct);
        var elsewhere = await MintedKeyAsync(OtherStudent, OtherCourse.Id, OtherInstructor);
        await using (var db = Db.CreateContext())
        {
            db.Enrollments.Add(new Courses.Enrollment { UserId = Alex.Id, CourseId = OtherCourse.Id, Role = Courses.CourseRole.Student });
            await db.SaveChangesAsync(Ct);
        }

        var inOther = await MintedKeyAsync(Alex, OtherCourse.Id, OtherInstructor);

        var hooks = Db.Get<IEnumerable<Courses.Admin.IStudentUnenrolled>>();
        foreach (var hook in hooks)
        {
            await hook.OnUnenrolledAsync(Course.Id, Alex.Id, Ct);
        }

        Assert.All(await KeysOfAsync(Alex.Id), k => Assert.NotNull(k.RevokedAt));
        Assert.True(Fake.Keys.Where(k => k.Name.Contains(Course.Code, StringComparison.Ordinal)).All(k => k.Deleted));
        Assert.Null((await KeysOfAsync(Alex.Id, OtherCourse.Id)).Single(k => k.Id == inOther.Id).RevokedAt);
        Assert.Null((await KeysOfAsync(OtherStudent.Id, OtherCourse.Id)).Single(k => k.Id == elsewhere.Id).RevokedAt);
        Assert.Equal(0, await Keys.RevokeStudentKeysAsync(Instructor.Id, Course.Id, Alex.Id, Ct));
        Assert.NotEqual(first.Id, second);
    }
}

public sealed class KeyChangesTestsOnSqlite : KeyChangesTests<SqliteTestDatabase>;

public sealed class KeyChangesTestsOnPostgres : KeyChangesTests<PostgresTestDatabase>;
