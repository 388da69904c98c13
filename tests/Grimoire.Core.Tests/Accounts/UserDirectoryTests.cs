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

    [Fact]
    public async Task The_demo_sign_in_list_puts_site_admins_first_and_names_each_persons_roles()
    {
        var admin = SampleData.User("Jo");
        var teacher = SampleData.User("Lee");
        var student = SampleData.User("Ana");
        var newcomer = SampleData.User("Kim");
        teacher.IsSiteAdmin = student.IsSiteAdmin = newcomer.IsSiteAdmin = false;
        var course = SampleData.Course();
        var other = SampleData.Course("OTHER-1");
        await using (var db = Db.CreateContext())
        {
            db.AddRange(admin, teacher, student, newcomer, course, other,
                SampleData.Enrollment(teacher, course, Courses.CourseRole.Instructor), SampleData.Enrollment(teacher, other, Courses.CourseRole.Student),
                SampleData.Enrollment(student, course, Courses.CourseRole.Student), SampleData.Enrollment(student, other, Courses.CourseRole.Student));
            await db.SaveChangesAsync(Ct);
        }

        var list = await Db.Get<UserDirectory>().ListForDemoSignInAsync(10, Ct);

        Assert.Equal(
            [("jo@uni.test", true, ""), ("ana@uni.test", false, "Student"), ("kim@uni.test", false, ""), ("lee@uni.test", false, "Instructor,Student")],
            list.Select(p => (p.Email, p.IsSiteAdmin, string.Join(',', p.Roles))));
    }
}

public sealed class UserDirectoryTestsOnSqlite : UserDirectoryTests<SqliteTestDatabase>;

public sealed class UserDirectoryTestsOnPostgres : UserDirectoryTests<PostgresTestDatabase>;
