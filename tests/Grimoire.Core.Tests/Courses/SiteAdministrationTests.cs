using Grimoire.Core.Admin;
using Grimoire.Core.Courses;
using Grimoire.Core.Courses.Admin;
using Grimoire.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Grimoire.Core.Tests.CourseAdmin;

/// <summary>The site admin's page: courses, users, making instructors, and which credentials are configured (never their values).</summary>
public abstract class SiteAdministrationTests<TDatabase> : DatabaseTest<TDatabase> where TDatabase : TestDatabase, new()
{
    private const string ManagementKey = "sk-or-v1-MANAGEMENT-0123456789abcdef-never-shown";
    private const string EncryptionKey = "q83vEjRWeJASNFZ4kBI0VniQEjRWeJASNFZ4kBI0Vng=";

    private CourseAdminScenario scenario = default!;

    private Guid AdminId => scenario.SiteAdmin.Id;

    public override async Task InitializeAsync()
    {
        Db.Settings["Grimoire:Providers:OpenRouter:ManagementKey"] = ManagementKey;
        Db.Settings["Grimoire:Secrets:EncryptionKey"] = EncryptionKey;
        await base.InitializeAsync();
        scenario = new CourseAdminScenario(Db);
        await scenario.SetUpAsync();
    }

    [Fact]
    public async Task A_site_admin_creates_a_course_with_a_unique_code_and_lists_every_course()
    {
        var courses = Db.Get<SiteCourses>();

        var created = await courses.CreateAsync(AdminId, new NewCourse(" phil-101 ", "Philosophy of Mind", "Spring 2027", new DateOnly(2027, 2, 1), null), Ct);

        Assert.Equal(("PHIL-101", "Philosophy of Mind", false), (created.Code, created.Name, created.IsArchived));
        Assert.Equal(["DEMO-101", "OTHER-200", "PHIL-101"], (await courses.ListAsync(AdminId, Ct)).Select(c => c.Code));
        var clash = await Assert.ThrowsAsync<CourseValidationException>(() => courses.CreateAsync(AdminId, new NewCourse("Phil-101", "Again", "", null, null), Ct));
        Assert.Equal("Another course already uses the code PHIL-101.", clash.Message);
        await Assert.ThrowsAsync<CourseValidationException>(() => courses.CreateAsync(AdminId, new NewCourse("", "", "", null, null), Ct));
    }

    [Fact]
    public async Task Users_are_searched_by_email_or_name_case_insensitively_and_paged()
    {
        var users = Db.Get<SiteUsers>();

        var byName = await users.SearchAsync(AdminId, "RIVERA", 0, 10, Ct);
        var alex = Assert.Single(byName.Rows);
        Assert.Equal((scenario.Student.Id, "DEMO-101", CourseRole.Student), (alex.Id, alex.Courses.Single().Code, alex.Courses.Single().Role));
        Assert.Equal(["Olga Other"], (await users.SearchAsync(AdminId, "olga@", 0, 10, Ct)).Rows.Select(r => r.DisplayName));
        Assert.Empty((await users.SearchAsync(AdminId, "%", 0, 10, Ct)).Rows);

        var all = await users.SearchAsync(AdminId, null, 0, 3, Ct);
        Assert.Equal((3, 8), (all.Rows.Count, all.Total));
    }

    [Fact]
    public async Task Making_someone_instructor_enrolls_or_promotes_them()
    {
        var users = Db.Get<SiteUsers>();

        Assert.Equal(EnrollmentOutcome.Added, await users.MakeInstructorAsync(AdminId, scenario.OtherCourse.Id, scenario.Student.Id, Ct));
        Assert.Equal(EnrollmentOutcome.RoleChanged, await users.MakeInstructorAsync(AdminId, scenario.Course.Id, scenario.Tutor.Id, Ct));
        Assert.Equal(EnrollmentOutcome.AlreadyEnrolled, await users.MakeInstructorAsync(AdminId, scenario.Course.Id, scenario.Tutor.Id, Ct));
        await Assert.ThrowsAsync<CourseValidationException>(() => users.MakeInstructorAsync(AdminId, Guid.NewGuid(), scenario.Tutor.Id, Ct));

        await using var db = Db.CreateContext();
        Assert.Equal(CourseRole.Instructor, (await db.Enrollments.SingleAsync(e => e.CourseId == scenario.OtherCourse.Id && e.UserId == scenario.Student.Id, Ct)).Role);
        Assert.Equal(CourseRole.Instructor, (await db.Enrollments.SingleAsync(e => e.CourseId == scenario.Course.Id && e.UserId == scenario.Tutor.Id, Ct)).Role);
    }

    [Fact]
    public async Task The_credential_summary_says_yes_or_no_and_never_carries_a_value()
    {
        var checks = await Db.Get<ProviderCredentialStatus>().GetAsync(AdminId, Ct);

        Assert.Equal(
            [("OpenRouter management key", true), ("Anthropic API key", false), ("OpenAI-compatible server", false), ("Key encryption key", true)],
            checks.Select(c => (c.Name, c.IsConfigured)));
        var everything = string.Join("\n", checks.Select(c => c.ToString()));
        Assert.DoesNotContain(ManagementKey, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(ManagementKey[..12], everything, StringComparison.Ordinal);
        Assert.DoesNotContain(EncryptionKey[..12], everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_site_admins_use_the_site_admin_services_instructors_included()
    {
        foreach (var (who, user) in scenario.NonManagers.Append(("instructor", scenario.Instructor)))
        {
            await Refusals.AssertDeniedAsync(who, () => Db.Get<SiteCourses>().ListAsync(user.Id, Ct));
            await Refusals.AssertDeniedAsync(who, () => Db.Get<SiteCourses>().CreateAsync(user.Id, new NewCourse("X-1", "X", "", null, null), Ct));
            await Refusals.AssertDeniedAsync(who, () => Db.Get<SiteUsers>().SearchAsync(user.Id, null, 0, 10, Ct));
            await Refusals.AssertDeniedAsync(who, () => Db.Get<SiteUsers>().MakeInstructorAsync(user.Id, scenario.Course.Id, user.Id, Ct));
            await Refusals.AssertDeniedAsync(who, () => Db.Get<ProviderCredentialStatus>().GetAsync(user.Id, Ct));
        }

        await using var db = Db.CreateContext();
        Assert.Equal(2, await db.Courses.CountAsync(Ct));
    }
}

public sealed class SiteAdministrationTestsOnSqlite : SiteAdministrationTests<SqliteTestDatabase>;

public sealed class SiteAdministrationTestsOnPostgres : SiteAdministrationTests<PostgresTestDatabase>;
