using Grimoire.Core.Keys;
using Grimoire.Core.Tests.Infrastructure;

namespace Grimoire.Core.Tests.Keys;

/// <summary>Only the course's instructors and site admins manage its keys, including by another course's key ids (no IDOR).</summary>
public abstract class KeyAccessTests<TDatabase> : KeyDatabaseTest<TDatabase> where TDatabase : TestDatabase, new()
{
    [Fact]
    public async Task Students_and_other_courses_instructors_are_refused_every_action_and_nothing_reaches_the_provider()
    {
        var key = await MintedKeyAsync(Alex);
        var callsBefore = Fake.Calls.Count;

        foreach (var outsider in new[] { Alex.Id, Priya.Id, OtherInstructor.Id, OtherStudent.Id, Guid.NewGuid() })
        {
            await Assert.ThrowsAsync<KeyAccessDeniedException>(() => Keys.MintAsync(outsider, Course.Id, Sam.Id, "openrouter", Ct));
            await Assert.ThrowsAsync<KeyAccessDeniedException>(() => Keys.MintMissingAsync(outsider, Course.Id, "openrouter", Ct));
            await Assert.ThrowsAsync<KeyAccessDeniedException>(() => Keys.ListAsync(outsider, Course.Id, "openrouter", true, Ct));
            await Assert.ThrowsAsync<KeyAccessDeniedException>(() => Keys.SetDisabledAsync(outsider, key.Id, true, Ct));
            await Assert.ThrowsAsync<KeyAccessDeniedException>(() => Keys.RotateAsync(outsider, key.Id, Ct));
            await Assert.ThrowsAsync<KeyAccessDeniedException>(() => Keys.RevokeAsync(outsider, key.Id, Ct));
            await Assert.ThrowsAsync<KeyAccessDeniedException>(() => Keys.ChangeBudgetAsync(outsider, key.Id, new KeyBudget(99m, BudgetResetPeriod.Never, null), Ct));
            await Assert.ThrowsAsync<KeyAccessDeniedException>(() => Keys.RevokeStudentKeysAsync(outsider, Course.Id, Alex.Id, Ct));
            Assert.False(await Keys.CanManageAsync(outsider, Course.Id, Ct));
        }

        Assert.Equal(callsBefore, Fake.Calls.Count);
        var unchanged = Assert.Single(await KeysOfAsync(Alex.Id));
        Assert.Equal((false, (DateTime?)null, 5m), (unchanged.IsDisabled, unchanged.RevokedAt, unchanged.BudgetLimit));
    }

    [Fact]
    public async Task An_unknown_key_id_is_refused_like_a_foreign_one()
    {
        var ex = await Assert.ThrowsAsync<KeyAccessDeniedException>(() => Keys.RevokeAsync(Instructor.Id, Guid.NewGuid(), Ct));

        Assert.Equal(KeyAccessDeniedException.DefaultMessage, ex.Message);
    }

    [Fact]
    public async Task A_site_admin_manages_any_course_and_an_instructor_only_their_own()
    {
        Assert.True(await Keys.CanManageAsync(Admin.Id, Course.Id, Ct));
        Assert.True(await Keys.CanManageAsync(Admin.Id, OtherCourse.Id, Ct));
        Assert.True(await Keys.CanManageAsync(Instructor.Id, Course.Id, Ct));
        Assert.False(await Keys.CanManageAsync(Instructor.Id, OtherCourse.Id, Ct));

        var byAdmin = await MintedKeyAsync(OtherStudent, OtherCourse.Id, Admin);
        await Keys.RevokeAsync(Admin.Id, byAdmin.Id, Ct);
        await Assert.ThrowsAsync<KeyAccessDeniedException>(() => Keys.MintAsync(Instructor.Id, OtherCourse.Id, OtherStudent.Id, "openrouter", Ct));
    }
}

public sealed class KeyAccessTestsOnSqlite : KeyAccessTests<SqliteTestDatabase>;

public sealed class KeyAccessTestsOnPostgres : KeyAccessTests<PostgresTestDatabase>;
