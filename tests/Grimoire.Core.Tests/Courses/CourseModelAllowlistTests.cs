using Grimoire.Core.Courses;
using Grimoire.Core.Courses.Admin;
using Grimoire.Core.Tests.Infrastructure;
using Grimoire.Llm;
using Microsoft.EntityFrameworkCore;

namespace Grimoire.Core.Tests.CourseAdmin;

/// <summary>The Models tab (AC2.1, AC2.2) and what students then see (AC3.6), on the offline simulated catalogue.</summary>
public abstract class CourseModelAllowlistTests<TDatabase> : DatabaseTest<TDatabase> where TDatabase : TestDatabase, new()
{
    private static readonly CourseModelDetails Details = new("Vision (EU)", "Prompts stay on the server.", "EU", CostTier.Medium);

    private CourseAdminScenario scenario = default!;

    private CourseModelAllowlist Allowlist => Db.Get<CourseModelAllowlist>();

    private Guid InstructorId => scenario.Instructor.Id;

    private Guid CourseId => scenario.Course.Id;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        scenario = new CourseAdminScenario(Db);
        await scenario.SetUpAsync();
    }

    [Fact]
    public async Task Adding_a_catalogue_model_keeps_the_instructors_notes_and_a_snapshot_of_capabilities_and_prices_AC2_1()
    {
        var vision = await scenario.ModelAsync("simulated/vision");
        await Allowlist.RemoveAsync(InstructorId, CourseId, vision.Id, Ct);

        var added = await Allowlist.AddAsync(InstructorId, CourseId, ProviderKinds.Simulated, "simulated/vision", Details, Ct);

        var stored = await scenario.ModelAsync("simulated/vision");
        Assert.Equal(added.Id, stored.Id);
        Assert.Equal(("Vision (EU)", "Prompts stay on the server.", "EU", CostTier.Medium),
            (stored.DisplayName, stored.PrivacyNotes, stored.HostingRegion, stored.CostTier));
        Assert.True(stored.IsEnabled);
        Assert.Equal(2, stored.SortOrder); // after the two remaining models
        Assert.Equal((true, true, false, Grimoire.Core.Courses.ThinkingControl.None), (stored.SupportsVision, stored.SupportsFiles, stored.SupportsThinking, stored.ThinkingControl));
        Assert.Equal((128_000, 16_384), (stored.ContextLength, stored.MaxOutputTokens));
        Assert.Equal((1.25m, 5m), (stored.InputPricePerMillion, stored.OutputPricePerMillion));
        Assert.NotNull(stored.CatalogueSnapshotAt);
    }

    [Fact]
    public async Task The_thinker_snapshot_forbids_temperature_with_thinking_AC1_5()
    {
        var thinker = await scenario.ModelAsync("simulated/thinker");
        await Allowlist.RemoveAsync(InstructorId, CourseId, thinker.Id, Ct);

        await Allowlist.AddAsync(InstructorId, CourseId, ProviderKinds.Simulated, "simulated/thinker", Details with { DisplayName = "Thinker" }, Ct);

        var stored = await scenario.ModelAsync("simulated/thinker");
        Assert.Equal((true, Grimoire.Core.Courses.ThinkingControl.Budget, false), (stored.SupportsThinking, stored.ThinkingControl, stored.AllowsTemperatureWithThinking));
    }

    [Fact]
    public async Task A_model_already_on_the_course_or_missing_from_the_catalogue_is_refused_with_a_reason()
    {
        var duplicate = await Assert.ThrowsAsync<CourseValidationException>(
            () => Allowlist.AddAsync(InstructorId, CourseId, ProviderKinds.Simulated, "simulated/swift", Details, Ct));
        Assert.Contains("already on this course's list", duplicate.Message, StringComparison.Ordinal);

        var missing = await Assert.ThrowsAsync<CourseValidationException>(
            () => Allowlist.AddAsync(InstructorId, CourseId, ProviderKinds.Simulated, "simulated/nonexistent", Details, Ct));
        Assert.Equal("simulated/nonexistent is not in the simulated catalogue.", missing.Message);

        var unnamed = await Assert.ThrowsAsync<CourseValidationException>(
            () => Allowlist.AddAsync(InstructorId, CourseId, "carrier-pigeon", "x", Details with { DisplayName = " " }, Ct));
        Assert.Equal(2, unnamed.Problems.Count);
        Assert.Equal(3, (await scenario.ModelsAsync()).Count);
    }

    [Fact]
    public async Task Disabling_keeps_the_row_and_removes_the_model_from_the_students_picker_AC2_2_AC3_6()
    {
        var swift = await scenario.ModelAsync("simulated/swift");
        var vision = await scenario.ModelAsync("simulated/vision");
        var picker = Db.Get<CourseModels>();
        Assert.Equal(["simulated/thinker", "simulated/swift", "simulated/vision"], (await picker.ListEnabledAsync(CourseId, Ct)).Select(m => m.ModelId));

        await Allowlist.SetEnabledAsync(InstructorId, CourseId, swift.Id, false, Ct);
        await Allowlist.SetEnabledAsync(InstructorId, CourseId, vision.Id, false, Ct);
        Assert.Equal(["simulated/thinker"], (await picker.ListEnabledAsync(CourseId, Ct)).Select(m => m.ModelId));
        await Allowlist.SetEnabledAsync(InstructorId, CourseId, vision.Id, true, Ct);

        Assert.Equal(["simulated/thinker", "simulated/vision"], (await picker.ListEnabledAsync(CourseId, Ct)).Select(m => m.ModelId));
        var kept = await scenario.ModelAsync("simulated/swift");
        Assert.False(kept.IsEnabled);
        Assert.Equal((swift.DisplayName, swift.PrivacyNotes, swift.SortOrder), (kept.DisplayName, kept.PrivacyNotes, kept.SortOrder));
        Assert.Equal(3, (await Allowlist.ListAsync(InstructorId, CourseId, Ct)).Count);
    }

    [Fact]
    public async Task Editing_changes_the_instructors_details_only()
    {
        var swift = await scenario.ModelAsync("simulated/swift");

        await Allowlist.UpdateAsync(InstructorId, CourseId, swift.Id, new CourseModelDetails(" Quick ", "None kept.", "Local", CostTier.Free), Ct);

        var stored = await scenario.ModelAsync("simulated/swift");
        Assert.Equal(("Quick", "None kept.", "Local", CostTier.Free), (stored.DisplayName, stored.PrivacyNotes, stored.HostingRegion, stored.CostTier));
        Assert.Equal((swift.OutputPricePerMillion, swift.IsEnabled), (stored.OutputPricePerMillion, stored.IsEnabled));
    }

    [Fact]
    public async Task Moving_up_and_down_persists_the_whole_order_and_stops_at_the_ends()
    {
        var vision = await scenario.ModelAsync("simulated/vision");

        var order = await Allowlist.MoveAsync(InstructorId, CourseId, vision.Id, MoveDirection.Up, Ct);
        Assert.Equal(["simulated/thinker", "simulated/vision", "simulated/swift"], order.Select(m => m.ModelId));

        await Allowlist.MoveAsync(InstructorId, CourseId, vision.Id, MoveDirection.Up, Ct);
        await Allowlist.MoveAsync(InstructorId, CourseId, vision.Id, MoveDirection.Up, Ct); // already first: no change

        var stored = await scenario.ModelsAsync();
        Assert.Equal(["simulated/vision", "simulated/thinker", "simulated/swift"], stored.Select(m => m.ModelId));
        Assert.Equal([0, 1, 2], stored.Select(m => m.SortOrder));
    }

    [Fact]
    public async Task Removing_keeps_messages_model_id_and_clears_the_course_default()
    {
        var swift = await scenario.ModelAsync("simulated/swift");
        var conversation = await scenario.ConversationAsync(scenario.Student, "Rivers", swift, DateTime.UtcNow);
        await using (var db = Db.CreateContext())
        {
            await db.Courses.Where(c => c.Id == CourseId).ExecuteUpdateAsync(s => s.SetProperty(c => c.DefaultModelConfigId, swift.Id), Ct);
        }

        await Allowlist.RemoveAsync(InstructorId, CourseId, swift.Id, Ct);

        await using var check = Db.CreateContext();
        Assert.False(await check.CourseModelConfigs.AnyAsync(m => m.Id == swift.Id, Ct));
        var answer = await check.PlaygroundMessages.SingleAsync(m => m.ConversationId == conversation.Id && m.Model != null, Ct);
        Assert.Equal(("simulated/swift", (Guid?)null), (answer.Model, answer.ModelConfigId));
        Assert.Null((await check.Courses.SingleAsync(c => c.Id == CourseId, Ct)).DefaultModelConfigId);
    }

    [Fact]
    public async Task Refreshing_rereads_the_catalogue_snapshot()
    {
        var swift = await scenario.ModelAsync("simulated/swift");
        await using (var db = Db.CreateContext())
        {
            await db.CourseModelConfigs.Where(m => m.Id == swift.Id).ExecuteUpdateAsync(
                s => s.SetProperty(m => m.OutputPricePerMillion, 99m).SetProperty(m => m.SupportsVision, true).SetProperty(m => m.CatalogueSnapshotAt, (DateTime?)null), Ct);
        }

        var refreshed = await Allowlist.RefreshSnapshotAsync(InstructorId, CourseId, swift.Id, Ct);

        Assert.Equal((0.6m, false), (refreshed.OutputPricePerMillion, refreshed.SupportsVision));
        Assert.NotNull((await scenario.ModelAsync("simulated/swift")).CatalogueSnapshotAt);
    }

    [Fact]
    public async Task The_catalogue_is_searched_filtered_and_marks_models_already_on_the_course()
    {
        var browser = Db.Get<CatalogueBrowser>();

        var all = await browser.BrowseAsync(InstructorId, CourseId, new CatalogueQuery(ProviderKinds.Simulated), Ct);
        Assert.Equal(3, all.TotalInCatalogue);
        Assert.All(all.Models, m => Assert.NotNull(m.CourseModelId));

        var vision = await browser.BrowseAsync(InstructorId, CourseId, new CatalogueQuery(ProviderKinds.Simulated, NeedsVision: true), Ct);
        Assert.Equal(["simulated/vision"], vision.Models.Select(m => m.Model.Id));

        var cheap = await browser.BrowseAsync(InstructorId, CourseId, new CatalogueQuery(ProviderKinds.Simulated, MaxOutputPricePerMillion: 5m), Ct);
        Assert.Equal(["simulated/swift", "simulated/vision"], cheap.Models.Select(m => m.Model.Id).Order());

        var thinker = await browser.BrowseAsync(InstructorId, CourseId, new CatalogueQuery(ProviderKinds.Simulated, Search: "THINK"), Ct);
        var entry = Assert.Single(thinker.Models);
        Assert.Equal((CostTier.High, false), (entry.SuggestedTier, entry.TemperatureAllowedWithThinking));

        var other = await browser.BrowseAsync(scenario.OtherInstructor.Id, scenario.OtherCourse.Id, new CatalogueQuery(ProviderKinds.Simulated), Ct);
        Assert.Equal(["simulated/swift"], other.Models.Where(m => m.CourseModelId is not null).Select(m => m.Model.Id));
    }

    [Fact]
    public async Task Tutors_read_the_list_and_nobody_but_instructors_and_site_admins_changes_it()
    {
        var swift = await scenario.ModelAsync("simulated/swift");
        Assert.Equal(3, (await Allowlist.ListAsync(scenario.Tutor.Id, CourseId, Ct)).Count);
        await Allowlist.SetEnabledAsync(scenario.SiteAdmin.Id, CourseId, swift.Id, false, Ct);

        foreach (var (who, user) in scenario.NonManagers)
        {
            await Refusals.AssertDeniedAsync(who, () => Allowlist.AddAsync(user.Id, CourseId, ProviderKinds.Simulated, "simulated/vision", Details, Ct));
            await Refusals.AssertDeniedAsync(who, () => Allowlist.SetEnabledAsync(user.Id, CourseId, swift.Id, true, Ct));
            await Refusals.AssertDeniedAsync(who, () => Allowlist.UpdateAsync(user.Id, CourseId, swift.Id, Details, Ct));
            await Refusals.AssertDeniedAsync(who, () => Allowlist.MoveAsync(user.Id, CourseId, swift.Id, MoveDirection.Up, Ct));
            await Refusals.AssertDeniedAsync(who, () => Allowlist.RefreshSnapshotAsync(user.Id, CourseId, swift.Id, Ct));
            await Refusals.AssertDeniedAsync(who, () => Allowlist.RemoveAsync(user.Id, CourseId, swift.Id, Ct));
            await Refusals.AssertDeniedAsync(who, () => Db.Get<CatalogueBrowser>().BrowseAsync(user.Id, CourseId, new CatalogueQuery(ProviderKinds.Simulated), Ct));
        }

        foreach (var (who, user) in scenario.Outsiders)
        {
            await Refusals.AssertDeniedAsync(who, () => Allowlist.ListAsync(user.Id, CourseId, Ct));
        }

        Assert.False((await scenario.ModelAsync("simulated/swift")).IsEnabled);
    }

    [Fact]
    public async Task Another_courses_model_id_is_never_touched_through_this_course()
    {
        var othersModel = (await scenario.ModelsAsync(scenario.OtherCourse.Id)).Single();

        // The instructor of this course names the other course's model: it is "not on this course".
        await Assert.ThrowsAsync<CourseValidationException>(() => Allowlist.SetEnabledAsync(InstructorId, CourseId, othersModel.Id, false, Ct));
        await Assert.ThrowsAsync<CourseValidationException>(() => Allowlist.RemoveAsync(InstructorId, CourseId, othersModel.Id, Ct));

        Assert.True((await scenario.ModelsAsync(scenario.OtherCourse.Id)).Single().IsEnabled);
    }
}

public sealed class CourseModelAllowlistTestsOnSqlite : CourseModelAllowlistTests<SqliteTestDatabase>;

public sealed class CourseModelAllowlistTestsOnPostgres : CourseModelAllowlistTests<PostgresTestDatabase>;
