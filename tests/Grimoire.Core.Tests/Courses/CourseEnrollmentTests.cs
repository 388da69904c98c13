using Grimoire.Core.Courses;
using Grimoire.Core.Courses.Admin;
using Grimoire.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Grimoire.Core.Tests.CourseAdmin;

/// <summary>The People tab: enroll one or a pasted list (creating accounts), change roles, unenroll (with the key hook).</summary>
public abstract class CourseEnrollmentTests<TDatabase> : DatabaseTest<TDatabase> where TDatabase : TestDatabase, new()
{
    private CourseAdminScenario scenario = default!;

    private CourseEnrollment Enrollment => Db.Get<CourseEnrollment>();

    private Guid InstructorId => scenario.Instructor.Id;

    private Guid CourseId => scenario.Course.Id;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        scenario = new CourseAdminScenario(Db);
        await scenario.SetUpAsync();
    }

    [Fact]
    public async Task Enrolling_a_new_address_creates_the_account_with_a_default_name()
    {
        var result = await Enrollment.EnrollAsync(InstructorId, CourseId, "  Noor.Haddad@Uni.Test ", null, CourseRole.Student, Ct);

        Assert.Equal((EnrollmentOutcome.Added, true, "noor.haddad@uni.test"), (result.Outcome, result.CreatedUser, result.Email));
        await using var db = Db.CreateContext();
        var user = await db.Users.SingleAsync(u => u.Email == "noor.haddad@uni.test", Ct);
        Assert.Equal(("noor.haddad", "noor.haddad", false), (user.DisplayName, user.FirstName, user.IsSiteAdmin));
        Assert.Equal(CourseRole.Student, (await db.Enrollments.SingleAsync(e => e.UserId == user.Id, Ct)).Role);
    }

    [Fact]
    public async Task A_pasted_list_reports_every_line_added_role_changed_already_enrolled_or_invalid()
    {
        var result = await Enrollment.EnrollManyAsync(InstructorId, CourseId, $"""
            email,name,role
            new.person@uni.test,New Person
            {scenario.Student.Email},,tutor
            {scenario.Classmate.Email}
            {scenario.OtherStudent.Email},Oscar,student
            this is not an address
            """, CourseRole.Student, Ct);

        Assert.Equal(
            [EnrollmentOutcome.Added, EnrollmentOutcome.RoleChanged, EnrollmentOutcome.AlreadyEnrolled, EnrollmentOutcome.Added, EnrollmentOutcome.Invalid],
            result.Lines.Select(l => l.Outcome));
        Assert.Equal([2, 3, 4, 5, 6], result.Lines.Select(l => l.LineNumber));
        Assert.True(result.Lines[0].CreatedUser);
        Assert.False(result.Lines[3].CreatedUser); // Oscar exists (in another course): enrolled, not duplicated
        Assert.Equal("Role changed from student to tutor.", result.Lines[1].Message);
        Assert.Contains("not an e-mail address", result.Lines[4].Message, StringComparison.Ordinal);
        Assert.Equal(2, result.Count(EnrollmentOutcome.Added));

        var people = await Enrollment.ListAsync(InstructorId, CourseId, Ct);
        Assert.Equal(CourseRole.Tutor, people.Single(p => p.UserId == scenario.Student.Id).Role);
        Assert.Contains(people, p => p is { Email: "new.person@uni.test", DisplayName: "New Person", Role: CourseRole.Student });
        Assert.Equal("Oscar Other", people.Single(p => p.UserId == scenario.OtherStudent.Id).DisplayName); // names are not overwritten
    }

    [Fact]
    public async Task A_list_without_roles_never_demotes_staff_and_the_last_instructor_stays()
    {
        var result = await Enrollment.EnrollManyAsync(InstructorId, CourseId, $"{scenario.Instructor.Email}\n{scenario.Tutor.Email}", CourseRole.Student, Ct);
        Assert.All(result.Lines, l => Assert.Equal(EnrollmentOutcome.AlreadyEnrolled, l.Outcome));

        var demote = await Enrollment.EnrollManyAsync(InstructorId, CourseId, $"{scenario.Instructor.Email},,student", CourseRole.Student, Ct);
        Assert.Equal((EnrollmentOutcome.Invalid, CourseEnrollment.LastInstructorMessage), (demote.Lines[0].Outcome, demote.Lines[0].Message));

        var ex = await Assert.ThrowsAsync<CourseValidationException>(() => Enrollment.SetRoleAsync(InstructorId, CourseId, InstructorId, CourseRole.Tutor, Ct));
        Assert.Equal(CourseEnrollment.LastInstructorMessage, ex.Message);
        await Assert.ThrowsAsync<CourseValidationException>(() => Enrollment.UnenrollAsync(InstructorId, CourseId, InstructorId, Ct));

        // With a second instructor, the first may step down.
        await Enrollment.SetRoleAsync(InstructorId, CourseId, scenario.Tutor.Id, CourseRole.Instructor, Ct);
        await Enrollment.SetRoleAsync(InstructorId, CourseId, InstructorId, CourseRole.Tutor, Ct);
        Assert.Equal(CourseRole.Tutor, (await Enrollment.ListAsync(scenario.Tutor.Id, CourseId, Ct)).Single(p => p.UserId == InstructorId).Role);
    }

    [Fact]
    public async Task Unenrolling_runs_the_key_hook_first_then_removes_only_the_enrollment()
    {
        var hook = new RecordingHook(Db);
        var enrollment = new CourseEnrollment(Db.ContextFactory, Db.Get<CourseAdminAccess>(), [hook], TimeProvider.System);

        await enrollment.UnenrollAsync(InstructorId, CourseId, scenario.Student.Id, Ct);

        Assert.Equal([(CourseId, scenario.Student.Id, true)], hook.Calls);
        await using var db = Db.CreateContext();
        Assert.False(await db.Enrollments.AnyAsync(e => e.CourseId == CourseId && e.UserId == scenario.Student.Id, Ct));
        Assert.True(await db.Users.AnyAsync(u => u.Id == scenario.Student.Id, Ct));
    }

    [Fact]
    public async Task When_the_key_hook_fails_the_person_stays_enrolled()
    {
        var enrollment = new CourseEnrollment(Db.ContextFactory, Db.Get<CourseAdminAccess>(), [new RecordingHook(Db, fail: true)], TimeProvider.System);

        await Assert.ThrowsAsync<InvalidOperationException>(() => enrollment.UnenrollAsync(InstructorId, CourseId, scenario.Student.Id, Ct));

        await using var db = Db.CreateContext();
        Assert.True(await db.Enrollments.AnyAsync(e => e.CourseId == CourseId && e.UserId == scenario.Student.Id, Ct));
    }

    [Fact]
    public async Task Exactly_one_unenroll_hook_is_registered_and_unenrolling_works_with_it()
    {
        Assert.Single(Db.Get<IEnumerable<IStudentUnenrolled>>());

        await Enrollment.UnenrollAsync(InstructorId, CourseId, scenario.Classmate.Id, Ct);

        Assert.DoesNotContain(await Enrollment.ListAsync(InstructorId, CourseId, Ct), p => p.UserId == scenario.Classmate.Id);
    }

    [Fact]
    public async Task A_person_of_another_course_cannot_be_unenrolled_or_changed_through_this_one()
    {
        await Assert.ThrowsAsync<CourseValidationException>(() => Enrollment.UnenrollAsync(InstructorId, CourseId, scenario.OtherStudent.Id, Ct));
        await Assert.ThrowsAsync<CourseValidationException>(() => Enrollment.SetRoleAsync(InstructorId, CourseId, scenario.OtherStudent.Id, CourseRole.Tutor, Ct));

        await using var db = Db.CreateContext();
        Assert.Equal(CourseRole.Student, (await db.Enrollments.SingleAsync(e => e.UserId == scenario.OtherStudent.Id, Ct)).Role);
    }

    [Fact]
    public async Task Tutors_read_the_people_and_only_instructors_and_site_admins_change_them()
    {
        Assert.Equal(5, (await Enrollment.ListAsync(scenario.Tutor.Id, CourseId, Ct)).Count);
        Assert.Equal(EnrollmentOutcome.Added, (await Enrollment.EnrollAsync(scenario.SiteAdmin.Id, CourseId, "by.admin@uni.test", "By Admin", CourseRole.Tutor, Ct)).Outcome);

        foreach (var (who, user) in scenario.NonManagers)
        {
            await Refusals.AssertDeniedAsync(who, () => Enrollment.EnrollAsync(user.Id, CourseId, "x@uni.test", null, CourseRole.Student, Ct));
            await Refusals.AssertDeniedAsync(who, () => Enrollment.EnrollManyAsync(user.Id, CourseId, "x@uni.test", CourseRole.Student, Ct));
            await Refusals.AssertDeniedAsync(who, () => Enrollment.SetRoleAsync(user.Id, CourseId, scenario.Classmate.Id, CourseRole.Instructor, Ct));
            await Refusals.AssertDeniedAsync(who, () => Enrollment.UnenrollAsync(user.Id, CourseId, scenario.Classmate.Id, Ct));
        }

        foreach (var (who, user) in scenario.Outsiders)
        {
            await Refusals.AssertDeniedAsync(who, () => Enrollment.ListAsync(user.Id, CourseId, Ct));
        }

        await using var db = Db.CreateContext();
        Assert.False(await db.Users.AnyAsync(u => u.Email == "x@uni.test", Ct));
    }

    private sealed class RecordingHook(TestDatabase db, bool fail = false) : IStudentUnenrolled
    {
        public List<(Guid CourseId, Guid UserId, bool StillEnrolled)> Calls { get; } = [];

        public async Task OnUnenrolledAsync(Guid courseId, Guid userId, CancellationToken cancellationToken)
        {
            // Key revocation looks up what to revoke while the enrollment still exists.
            await using var context = db.CreateContext();
            var enrolled = await context.Enrollments.AnyAsync(e => e.CourseId == courseId && e.UserId == userId, cancellationToken);
            Calls.Add((courseId, userId, enrolled));
            if (fail)
            {
                throw new InvalidOperationException("Provider unreachable.");
            }
        }
    }
}

public sealed class CourseEnrollmentTestsOnSqlite : CourseEnrollmentTests<SqliteTestDatabase>;

public sealed class CourseEnrollmentTestsOnPostgres : CourseEnrollmentTests<PostgresTestDatabase>;
