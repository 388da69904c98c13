using Grimoire.Core.Accounts;
using Grimoire.Core.Courses;
using Grimoire.Core.Demo;
using Grimoire.Core.Keys;
using Grimoire.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Grimoire.Core.Tests.Keys;

/// <summary>
/// Base of the key suites: the fake OpenRouter started and configured before the host, the demo course (instructor,
/// site admin, three students) with key defaults set, and a second course with its own instructor and student.
/// </summary>
public abstract class KeyDatabaseTest<TDatabase> : DatabaseTest<TDatabase> where TDatabase : TestDatabase, new()
{
    protected FakeOpenRouter Fake { get; private set; } = null!;

    protected CapturedLogs Logs { get; } = new();

    protected User Instructor { get; private set; } = null!;

    protected User Admin { get; private set; } = null!;

    protected User Alex { get; private set; } = null!;

    protected User Priya { get; private set; } = null!;

    protected User Sam { get; private set; } = null!;

    protected Course Course { get; private set; } = null!;

    protected Course OtherCourse { get; private set; } = null!;

    protected User OtherInstructor { get; private set; } = null!;

    protected User OtherStudent { get; private set; } = null!;

    protected StudentKeyProvisioner Keys => Db.Get<StudentKeyProvisioner>();

    protected static DateOnly KeysExpireOn => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(90);

    public override async Task InitializeAsync()
    {
        Fake = await FakeOpenRouter.StartAsync();
        Fake.Configure(Db.Settings);
        await base.InitializeAsync();
        Db.Get<ILoggerFactory>().AddProvider(Logs);
        await Db.Get<DemoSeeder>().SeedIfEmptyAsync(Ct);

        await using var db = Db.CreateContext();
        Instructor = await db.Users.SingleAsync(u => u.Email == "instructor@" + DemoData.Domain);
        Admin = await db.Users.SingleAsync(u => u.Email == "admin@" + DemoData.Domain);
        Alex = await db.Users.SingleAsync(u => u.Email == "alex@" + DemoData.Domain);
        Priya = await db.Users.SingleAsync(u => u.Email == "priya@" + DemoData.Domain);
        Sam = await db.Users.SingleAsync(u => u.Email == "sam@" + DemoData.Domain);
        Course = await db.Courses.SingleAsync();
        Course.DefaultKeyBudget = 5m;
        Course.DefaultKeyBudgetReset = BudgetResetPeriod.Weekly;
        Course.DefaultKeyExpiresOn = KeysExpireOn;

        OtherInstructor = NewUser("other-instructor@uni.test");
        OtherStudent = NewUser("olga@uni.test");
        OtherCourse = new Course { Code = "OTHER-1", Name = "Another course", DefaultKeyBudget = 2m, EndsOn = KeysExpireOn };
        OtherCourse.Enrollments.Add(new Enrollment { User = OtherInstructor, Role = CourseRole.Instructor });
        OtherCourse.Enrollments.Add(new Enrollment { User = OtherStudent, Role = CourseRole.Student });
        db.Courses.Add(OtherCourse);
        await db.SaveChangesAsync(Ct);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Fake.DisposeAsync();
    }

    protected static User NewUser(string email) =>
        new() { Email = email, DisplayName = email.Split('@')[0], FirstName = email.Split('@')[0] };

    /// <summary>Adds <paramref name="count"/> students to the demo course: student-001@uni.test, …</summary>
    protected async Task<List<User>> AddStudentsAsync(int count)
    {
        await using var db = Db.CreateContext();
        var users = Enumerable.Range(1, count).Select(i => NewUser($"student-{i:000}@uni.test")).ToList();
        db.Users.AddRange(users);
        db.Enrollments.AddRange(users.Select(u => new Enrollment { User = u, CourseId = Course.Id, Role = CourseRole.Student }));
        await db.SaveChangesAsync(Ct);
        return users;
    }

    protected async Task<List<StudentApiKey>> KeysOfAsync(Guid userId, Guid? courseId = null)
    {
        await using var db = Db.CreateContext();
        return await db.StudentApiKeys.AsNoTracking()
            .Where(k => k.UserId == userId && k.CourseId == (courseId ?? Course.Id))
            .OrderBy(k => k.CreatedAt).ToListAsync(Ct);
    }

    protected async Task<StudentApiKey> MintedKeyAsync(User student, Guid? courseId = null, User? actor = null)
    {
        var result = await Keys.MintAsync((actor ?? Instructor).Id, courseId ?? Course.Id, student.Id, "openrouter", Ct);
        Assert.Equal(KeyMintOutcome.Minted, result.Outcome);
        return (await KeysOfAsync(student.Id, courseId)).Single(k => k.Id == result.KeyId);
    }

    /// <summary>No log line holds the management key or any key the fake minted.</summary>
    protected void AssertNoSecretsLogged()
    {
        var secrets = Fake.Keys.Select(k => k.Plain).Append(FakeOpenRouter.ManagementKey).ToList();
        Assert.NotEmpty(Logs.Lines);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(Logs.Lines, l => l.Contains(secret, StringComparison.Ordinal));
        }
    }
}
