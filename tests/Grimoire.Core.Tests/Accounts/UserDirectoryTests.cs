using Grimoire.Core.Accounts;
using Grimoire.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Grimoire.Core.Tests.Accounts;

public abstract class UserDirectoryTests<TDatabase> : DatabaseTest<TDatabase> where TDatabase : TestDatabase, new()
{
    [Fact]
    public async Task First_sign_in_creates_the_user_from_the_providers_email_and_names()
    {
        var user = await Db.Get<UserDirectory>().RecordSignInAsync("  Ana.Lopez@Uni.TEST ", "Ana López", "Ana", Ct);

        Assert.Equal("ana.lopez@uni.test", user.Email);
        Assert.Equal("Ana López", user.DisplayName);
        Assert.Equal("Ana", user.FirstName);
        Assert.False(user.IsSiteAdmin);
        Assert.NotNull(user.LastLoginAt);
    }

    [Fact]
    public async Task Later_sign_ins_find_the_same_user_and_keep_edited_names()
    {
        var users = Db.Get<UserDirectory>();
        var first = await users.RecordSignInAsync("ana@uni.test", "Ana", null, Ct);
        await using (var db = Db.CreateContext())
        {
            var row = await db.Users.SingleAsync(Ct);
            row.DisplayName = "Ana L. (edited)";
            await db.SaveChangesAsync(Ct);
        }

        var again = await users.RecordSignInAsync("ANA@uni.test", "Ana From Provider", null, Ct);

        Assert.Equal(first.Id, again.Id);
        Assert.Equal("Ana L. (edited)", again.DisplayName);
    }

    [Fact]
    public async Task Names_fall_back_to_the_email_when_the_provider_sends_none()
    {
        var user = await Db.Get<UserDirectory>().RecordSignInAsync("kim@uni.test", null, null, Ct);
        Assert.Equal("kim", user.DisplayName);
        Assert.Equal("kim", user.FirstName);
    }

    [Fact]
    public async Task Configured_site_admin_emails_become_site_admins()
    {
        var boss = await Db.Get<UserDirectory>().RecordSignInAsync("Boss@uni.test", "The Boss", null, Ct);
        Assert.True(boss.IsSiteAdmin);
    }

    [Fact]
    public async Task An_identity_without_an_email_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Db.Get<UserDirectory>().RecordSignInAsync("not-an-email", null, null, Ct));
    }
}

public sealed class UserDirectoryTestsOnSqlite : UserDirectoryTests<SqliteTestDatabase>;

public sealed class UserDirectoryTestsOnPostgres : UserDirectoryTests<PostgresTestDatabase>;
