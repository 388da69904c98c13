using Grimoire.Core.Access;
using Grimoire.Core.Accounts;
using Grimoire.Core.Courses;
using Grimoire.Core.Tests.Infrastructure;
using Grimoire.Core.Workspaces;

namespace Grimoire.Core.Tests.Access;

/// <summary>Course roles come from enrollments; workspace access from membership or course staff (AC2.6, AC8.6).</summary>
public abstract class AccessTests<TDatabase> : DatabaseTest<TDatabase> where TDatabase : TestDatabase, new()
{
    private readonly User student = SampleData.User("Stu");
    private readonly User classmate = SampleData.User("Cleo");
    private readonly User tutor = SampleData.User("Tam");
    private readonly User instructor = SampleData.User("Ines");
    private readonly User otherInstructor = SampleData.User("Omar");
    private readonly Course course = SampleData.Course("C-1");
    private readonly Course otherCourse = SampleData.Course("C-2");
    private Workspace workspace = default!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        workspace = SampleData.Workspace(course);
        await using var db = Db.CreateContext();
        db.AddRange(
            SampleData.Enrollment(student, course, CourseRole.Student),
            SampleData.Enrollment(classmate, course, CourseRole.Student),
            SampleData.Enrollment(tutor, course, CourseRole.Tutor),
            SampleData.Enrollment(instructor, course, CourseRole.Instructor),
            SampleData.Enrollment(otherInstructor, otherCourse, CourseRole.Instructor),
            SampleData.Member(workspace, student, WorkspacePermission.Owner));
        await db.SaveChangesAsync(Ct);
    }

    [Fact]
    public async Task Course_roles_resolve_from_enrollment_and_include_lower_roles()
    {
        var access = Db.Get<CourseAccess>();

        Assert.Equal(CourseRole.Student, await access.GetRoleAsync(student.Id, course.Id, Ct));
        Assert.True(await access.HasRoleAsync(instructor.Id, course.Id, CourseRole.Tutor, Ct));
        Assert.False(await access.HasRoleAsync(tutor.Id, course.Id, CourseRole.Instructor, Ct));
        Assert.False(await access.HasRoleAsync(otherInstructor.Id, course.Id, CourseRole.Student, Ct));
        Assert.Null(await access.GetRoleAsync(student.Id, otherCourse.Id, Ct));
    }

    [Fact]
    public async Task Memberships_list_the_persons_courses_with_roles()
    {
        var memberships = await Db.Get<CourseAccess>().ListMembershipsAsync(instructor.Id, Ct);
        var only = Assert.Single(memberships);
        Assert.Equal(("C-1", CourseRole.Instructor), (only.Code, only.Role));
    }

    [Fact]
    public async Task Workspace_members_get_their_permission()
    {
        Assert.Equal(WorkspacePermission.Owner, await Db.Get<WorkspaceAccess>().GetPermissionAsync(student.Id, workspace.Id, Ct));
    }

    [Fact]
    public async Task Tutors_and_instructors_of_the_course_may_read_but_not_edit()
    {
        var access = Db.Get<WorkspaceAccess>();
        foreach (var staff in new[] { tutor, instructor })
        {
            Assert.Equal(WorkspacePermission.Viewer, await access.GetPermissionAsync(staff.Id, workspace.Id, Ct));
            Assert.False(await access.HasPermissionAsync(staff.Id, workspace.Id, WorkspacePermission.Editor, Ct));
        }
    }

    [Fact]
    public async Task Classmates_and_other_courses_staff_get_nothing()
    {
        var access = Db.Get<WorkspaceAccess>();
        Assert.Null(await access.GetPermissionAsync(classmate.Id, workspace.Id, Ct));
        Assert.Null(await access.GetPermissionAsync(otherInstructor.Id, workspace.Id, Ct));
        Assert.Null(await access.GetPermissionAsync(student.Id, Guid.NewGuid(), Ct));
    }
}

public sealed class AccessTestsOnSqlite : AccessTests<SqliteTestDatabase>;

public sealed class AccessTestsOnPostgres : AccessTests<PostgresTestDatabase>;
