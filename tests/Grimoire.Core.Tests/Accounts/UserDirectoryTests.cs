using Grimoire.Core.Accounts;
using Grimoire.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Grimoire.Core.Tests.Accounts;

/// <summary>The demo sign-in's side of the directory: it signs in people who exist and creates no one.</summary>
public abstract class UserDirectoryTests<TDatabase> : DatabaseTest<TDatabase> where TDatabase : TestDatabase, new()
{
    [Fact]
    public async Task The_demo_sign_in_finds_an_existing_person_by_address_and_records_the_sign_in()
    {
        var existing = SampleData.User("Ana");
        existing.LastLoginAt = null;
        await using (var db = Db.CreateContext())
        {
            db.Users.Add(existing);
            await db.SaveChangesAsync(Ct);
        }

        var user = await Db.Get<UserDirectory>().RecordDemoSignInAsync("  ANA@uni.test ", Ct);

        Assert.Equal(existing.Id, user!.Id);
        await using var reader = Db.CreateContext();
        Assert.NotNull((await reader.Users.SingleAsync(Ct)).LastLoginAt);
    }

    [Fact]
    public async Task The_demo_sign_in_never_creates_an_account()
    {
        Assert.Null(await Db.Get<UserDirectory>().RecordDemoSignInAsync("mallory@evil.test", Ct));
        Assert.Null(await Db.Get<UserDirectory>().RecordDemoSignInAsync("not-an-email", Ct));

        await using var db = Db.CreateContext();
        Assert.Equal(0, await db.Users.CountAsync(Ct));
    }
}

public sealed class UserDirectoryTestsOnSqlite : UserDirectoryTests<SqliteTestDatabase>;

public sealed class UserDirectoryTestsOnPostgres : UserDirectoryTests<PostgresTestDatabase>;
