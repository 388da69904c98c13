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

    [Fact]
    public async Task AC2_3_The_defaults_for_new_keys_are_saved_and_shown_and_left_alone_when_not_sent()
    {
        var lastDay = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30);
        var saved = await Settings.UpdateAsync(scenario.Instructor.Id, scenario.Course.Id,
            Valid() with { KeyDefaults = new CourseKeyDefaults(7.5m, Grimoire.Core.Keys.BudgetResetPeriod.Weekly, lastDay) }, Ct);
        Assert.Equal(new CourseKeyDefaults(7.5m, Grimoire.Core.Keys.BudgetResetPeriod.Weekly, lastDay), saved.KeyDefaults);

        var untouched = await Settings.UpdateAsync(scenario.Instructor.Id, scenario.Course.Id, Valid() with { Name = "Renamed" }, Ct);
        Assert.Equal(saved.KeyDefaults, untouched.KeyDefaults);

        await using var db = Db.CreateContext();
        var stored = await db.Courses.SingleAsync(c => c.Id == scenario.Course.Id, Ct);
        Assert.Equal((7.5m, Grimoire.Core.Keys.BudgetResetPeriod.Weekly, (DateOnly?)lastDay),
            (stored.DefaultKeyBudget!.Value, stored.DefaultKeyBudgetReset, stored.DefaultKeyExpiresOn));
    }

    [Theory]
    [InlineData(0, "above $0")]
    [InlineData(-1, "above $0")]
    [InlineData(10_001, "at most $10,000")]
    public async Task AC2_3_A_default_key_budget_out_of_range_is_refused(int budget, string reason)
    {
        var ex = await Assert.ThrowsAsync<CourseValidationException>(() => Settings.UpdateAsync(scenario.Instructor.Id, scenario.Course.Id,
            Valid() with { KeyDefaults = new CourseKeyDefaults(budget, Grimoire.Core.Keys.BudgetResetPeriod.Never, null) }, Ct));

        Assert.Contains(ex.Problems, p => p.Contains(reason, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AC2_3_A_new_default_key_expiry_in_the_past_is_refused_but_an_unchanged_one_does_not_block_saving()
    {
        var past = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-3);
        var ex = await Assert.ThrowsAsync<CourseValidationException>(() => Settings.UpdateAsync(scenario.Instructor.Id, scenario.Course.Id,
            Valid() with { KeyDefaults = new CourseKeyDefaults(5m, Grimoire.Core.Keys.BudgetResetPeriod.Never, past) }, Ct));
        Assert.Contains(ex.Problems, p => p.Contains("has passed", StringComparison.Ordinal));

        await using (var db = Db.CreateContext())
        {
            await db.Courses.Where(c => c.Id == scenario.Course.Id).ExecuteUpdateAsync(u => u.SetProperty(c => c.DefaultKeyExpiresOn, past), Ct);
        }

        var saved = await Settings.UpdateAsync(scenario.Instructor.Id, scenario.Course.Id,
            Valid() with { KeyDefaults = new CourseKeyDefaults(5m, Grimoire.Core.Keys.BudgetResetPeriod.Never, past) }, Ct);
        Assert.Equal(past, saved.KeyDefaults.ExpiresOn);
    }
}

public sealed class CourseSettingsTestsOnSqlite : CourseSettingsTests<SqliteTestDatabase>;

public sealed class CourseSettingsTestsOnPostgres : CourseSettingsTests<PostgresTestDatabase>;
