using Grimoire.Core.Courses.Admin;
using Grimoire.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Grimoire.Core.Tests.CourseAdmin;

/// <summary>The Settings tab: instructors and site admins change a course; tutors read it; nobody else sees it.</summary>
public abstract class CourseSettingsTests<TDatabase> : DatabaseTest<TDatabase> where TDatabase : TestDatabase, new()
{
    private CourseAdminScenario scenario = default!;

    private CourseSettings Settings => Db.Get<CourseSettings>();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        scenario = new CourseAdminScenario(Db);
        await scenario.SetUpAsync();
    }

    private static CourseSettingsUpdate Valid(string code = "ling-210 ") => new(
        code, "  Language and Machines ", "Autumn 2026", new DateOnly(2026, 9, 1), new DateOnly(2026, 12, 20),
        "Be Socratic.", null);

    [Fact]
    public async Task An_instructor_updates_every_setting_and_the_code_is_stored_trimmed_in_capitals()
    {
        var thinker = await scenario.ModelAsync("simulated/swift");
        var updated = await Settings.UpdateAsync(scenario.Instructor.Id, scenario.Course.Id, Valid() with { DefaultModelConfigId = thinker.Id }, Ct);

        Assert.Equal(("LING-210", "Language and Machines", "Autumn 2026"), (updated.Code, updated.Name, updated.Term));
        Assert.Equal((new DateOnly(2026, 9, 1), new DateOnly(2026, 12, 20)), (updated.StartsOn, updated.EndsOn));
        Assert.Equal(("Be Socratic.", thinker.Id), (updated.DefaultSystemPrompt, updated.DefaultModelConfigId));
        Assert.True(updated.CanManage);

        await using var db = Db.CreateContext();
        var stored = await db.Courses.SingleAsync(c => c.Id == scenario.Course.Id, Ct);
        Assert.Equal(("LING-210", "Be Socratic.", (Guid?)thinker.Id), (stored.Code, stored.DefaultSystemPrompt, stored.DefaultModelConfigId));
    }

    [Fact]
    public async Task The_code_is_unique_whatever_its_case()
    {
        var ex = await Assert.ThrowsAsync<CourseValidationException>(
            () => Settings.UpdateAsync(scenario.Instructor.Id, scenario.Course.Id, Valid("other-200"), Ct));
        Assert.Equal("Another course already uses the code OTHER-200.", ex.Message);

        // Keeping its own code is not a clash.
        await Settings.UpdateAsync(scenario.Instructor.Id, scenario.Course.Id, Valid(scenario.Course.Code), Ct);
    }

    [Fact]
    public async Task Invalid_values_are_refused_with_every_reason_and_nothing_is_saved()
    {
        var ex = await Assert.ThrowsAsync<CourseValidationException>(() => Settings.UpdateAsync(
            scenario.Instructor.Id, scenario.Course.Id,
            new CourseSettingsUpdate("bad code!", " ", "", new DateOnly(2026, 12, 1), new DateOnly(2026, 11, 1), "", null), Ct));

        Assert.Equal(3, ex.Problems.Count);
        Assert.Contains(ex.Problems, p => p.Contains("only letters, digits", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Contains("needs a name", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Contains("cannot end before it starts", StringComparison.Ordinal));
        Assert.Equal(scenario.Course.Name, (await Settings.GetAsync(scenario.Instructor.Id, scenario.Course.Id, Ct)).Name);
    }

    [Fact]
    public async Task The_default_model_must_be_one_of_the_courses_own()
    {
        var othersModel = (await scenario.ModelsAsync(scenario.OtherCourse.Id)).Single();

        var ex = await Assert.ThrowsAsync<CourseValidationException>(() => Settings.UpdateAsync(
            scenario.Instructor.Id, scenario.Course.Id, Valid() with { DefaultModelConfigId = othersModel.Id }, Ct));
        Assert.Equal("The default model must be one of this course's models.", ex.Message);
    }

    [Fact]
    public async Task Archiving_and_restoring_a_course()
    {
        await Settings.SetArchivedAsync(scenario.Instructor.Id, scenario.Course.Id, true, Ct);
        Assert.True((await Settings.GetAsync(scenario.Instructor.Id, scenario.Course.Id, Ct)).IsArchived);

        await Settings.SetArchivedAsync(scenario.SiteAdmin.Id, scenario.Course.Id, false, Ct);
        Assert.False((await Settings.GetAsync(scenario.Instructor.Id, scenario.Course.Id, Ct)).IsArchived);
    }

    [Fact]
    public async Task Tutors_read_the_settings_but_cannot_change_them()
    {
        var view = await Settings.GetAsync(scenario.Tutor.Id, scenario.Course.Id, Ct);
        Assert.False(view.CanManage);
        Assert.Equal(3, view.Models.Count);

        var ex = await Assert.ThrowsAsync<CourseAccessDeniedException>(() => Settings.UpdateAsync(scenario.Tutor.Id, scenario.Course.Id, Valid(), Ct));
        Assert.Equal(CourseAdminAccess.NotInstructorMessage, ex.Message);
    }

    [Fact]
    public async Task Students_and_other_courses_staff_can_neither_read_nor_change_nor_archive()
    {
        foreach (var (who, user) in scenario.Outsiders)
        {
            await Refusals.AssertDeniedAsync(who, () => Settings.GetAsync(user.Id, scenario.Course.Id, Ct));
            await Refusals.AssertDeniedAsync(who, () => Settings.UpdateAsync(user.Id, scenario.Course.Id, Valid(), Ct));
            await Refusals.AssertDeniedAsync(who, () => Settings.SetArchivedAsync(user.Id, scenario.Course.Id, true, Ct));
        }

        // A course id that does not exist looks exactly like one that is not yours.
        var ex = await Assert.ThrowsAsync<CourseAccessDeniedException>(() => Settings.GetAsync(scenario.Instructor.Id, Guid.NewGuid(), Ct));
        Assert.Equal(CourseAdminAccess.NotStaffMessage, ex.Message);
        Assert.False((await Settings.GetAsync(scenario.Instructor.Id, scenario.Course.Id, Ct)).IsArchived);
    }
}

public sealed class CourseSettingsTestsOnSqlite : CourseSettingsTests<SqliteTestDatabase>;

public sealed class CourseSettingsTestsOnPostgres : CourseSettingsTests<PostgresTestDatabase>;
