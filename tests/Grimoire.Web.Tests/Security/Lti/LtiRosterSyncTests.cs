using System.Net;
using Grimoire.Core.Courses;
using Grimoire.Core.Data;
using Grimoire.Core.Lti;
using Grimoire.LtiFakePlatform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Grimoire.Web.Tests.Security.Lti;

/// <summary>
/// Roster sync over LTI Names and Role Provisioning Services against <see cref="FakePlatform"/> (issue 15, X9): the
/// tool's signed client assertion gets an access token, every page of the memberships is read (two per page here), and
/// the course's enrollments follow: enroll, change a role, unenroll through the People tab's path.
/// </summary>
public sealed class LtiRosterSyncTests(LtiHost host) : IClassFixture<LtiHost>
{
    [Fact]
    public async Task X9_an_instructor_launch_syncs_the_roster_and_a_later_sync_changes_a_role_and_unenrolls_who_left()
    {
        using var client = host.CreateClient();
        using (var launch = await host.LaunchAsync(client, "fake-instructor-1"))
        {
            Assert.Equal(HttpStatusCode.SeeOther, launch.StatusCode);
        }

        Assert.True(host.Platform.TokenRequests >= 1);
        var (courseId, instructorId) = await CourseAndInstructorAsync();
        Assert.Equal(CourseRole.Tutor, await RoleAsync(courseId, "cy.ta@uni.test"));
        Assert.Equal(CourseRole.Student, await RoleAsync(courseId, "ben.learner@uni.test"));
        Assert.Equal(CourseRole.Student, await RoleAsync(courseId, "dee.learner@uni.test")); // on the second page

        // Ben holds a key for the course (minted at the provider earlier).
        Guid bensKey;
        await using (var db = await DbAsync())
        {
            var ben = await db.Users.SingleAsync(u => u.Email == "ben.learner@uni.test");
            var key = new Grimoire.Core.Keys.StudentApiKey
            {
                UserId = ben.Id,
                CourseId = courseId,
                Provider = "openrouter",
                EncryptedKey = [1, 2, 3],
                EncryptionKeyId = "demo",
                ProviderKeyHash = "hash-of-bens-key",
            };
            db.StudentApiKeys.Add(key);
            await db.SaveChangesAsync();
            bensKey = key.Id;
        }

        // In the LMS: Dee becomes a teaching assistant, Ben leaves, Eve joins.
        var people = host.Platform.People;
        var dee = people.Single(p => p.Subject == "fake-learner-2");
        people[people.IndexOf(dee)] = dee with { Roles = [FakePlatform.TeachingAssistant] };
        people.Remove(people.Single(p => p.Subject == "fake-learner-1"));
        people.Add(new FakePlatformPerson("fake-learner-3", "eve.learner@uni.test", "Eve Arden", "Eve", [FakePlatform.Learner]));

        var summary = await host.Factory.Services.GetRequiredService<LtiRosterSync>().SyncAsync(instructorId, courseId, CancellationToken.None);

        Assert.Equal(new LtiRosterSummary(Enrolled: 1, RoleChanged: 1, Unenrolled: 1, Unchanged: 2, Skipped: 0), summary);
        Assert.Equal(CourseRole.Tutor, await RoleAsync(courseId, "dee.learner@uni.test"));
        Assert.Null(await RoleAsync(courseId, "ben.learner@uni.test"));
        await using (var db = await DbAsync())
        {
            // Unenrolled by the sync, through the same path as the People tab: his key is revoked (AC2.3).
            Assert.NotNull((await db.StudentApiKeys.SingleAsync(k => k.Id == bensKey)).RevokedAt);
        }

        Assert.Equal(CourseRole.Student, await RoleAsync(courseId, "eve.learner@uni.test"));
        Assert.Equal(CourseRole.Instructor, await RoleAsync(courseId, "ada.instructor@uni.test"));
    }

    [Fact]
    public async Task X9_only_staff_of_the_course_may_sync_its_roster()
    {
        using (var client = host.CreateClient())
        {
            using var launch = await host.LaunchAsync(client, "fake-instructor-1");
        }

        var (courseId, _) = await CourseAndInstructorAsync();
        await using var db = await DbAsync();
        var stranger = await db.Users.FirstAsync(u => !db.Enrollments.Any(e => e.UserId == u.Id && e.CourseId == courseId) && !u.IsSiteAdmin);

        await Assert.ThrowsAsync<Grimoire.Core.Courses.Admin.CourseAccessDeniedException>(
            () => host.Factory.Services.GetRequiredService<LtiRosterSync>().SyncAsync(stranger.Id, courseId, CancellationToken.None));
    }

    private async Task<GrimoireDbContext> DbAsync() =>
        await host.Factory.Services.GetRequiredService<IDbContextFactory<GrimoireDbContext>>().CreateDbContextAsync();

    private async Task<(Guid CourseId, Guid InstructorId)> CourseAndInstructorAsync()
    {
        await using var db = await DbAsync();
        var link = await db.LtiContextLinks.SingleAsync(l => l.PlatformId == host.PlatformId);
        var instructor = await db.Users.SingleAsync(u => u.Email == "ada.instructor@uni.test");
        return (link.CourseId, instructor.Id);
    }

    private async Task<CourseRole?> RoleAsync(Guid courseId, string email)
    {
        await using var db = await DbAsync();
        return await db.Enrollments.Where(e => e.CourseId == courseId && e.User!.Email == email).Select(e => (CourseRole?)e.Role).SingleOrDefaultAsync();
    }
}
