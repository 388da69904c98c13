using Grimoire.Core.Accounts;
using Grimoire.Core.Courses;
using Grimoire.Core.Courses.Admin;
using Grimoire.Core.Data;
using Microsoft.EntityFrameworkCore;
using static Grimoire.Core.Tests.AccessMatrix.Rights;

namespace Grimoire.Core.Tests.AccessMatrix;

/// <summary>
/// The course admin services (settings, model allowlist, catalogue, people, students' conversations) on course A, by
/// every actor (AC2.1, AC2.2, AC2.6, AC3.6). Tutors read, never change; mismatched ids find nothing.
/// </summary>
public static class CourseAdminActions
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    public static IEnumerable<ActionCase> All =>
    [
        // Settings tab.
        Read("CourseSettings.Get", Staff, (w, a, _) => Done(w.Get<CourseSettings>().GetAsync(a.Id, w.Course.Id, Ct))),
        Change("CourseSettings.Update", Managers, NoTarget, (w, a, _) => Done(w.Get<CourseSettings>().UpdateAsync(
            a.Id, w.Course.Id, Settings(w, "Renamed by " + a.Email, null), Ct))),
        Change("CourseSettings.Update with course B's model as default", MismatchForManagers, NoTarget, (w, a, _) => Done(
            w.Get<CourseSettings>().UpdateAsync(a.Id, w.Course.Id, Settings(w, "Renamed", w.OtherModel.Id), Ct))),
        Change("CourseSettings.SetArchived", Managers,
            w => Target(w, null, db => db.Courses.Where(c => c.Id == w.Course.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.IsArchived, false))),
            (w, a, _) => Done(w.Get<CourseSettings>().SetArchivedAsync(a.Id, w.Course.Id, true, Ct))),

        // Models tab (AC2.1, AC2.2): by (course, model id) only.
        Read("CourseModelAllowlist.List", Staff, (w, a, _) => Done(w.Get<CourseModelAllowlist>().ListAsync(a.Id, w.Course.Id, Ct))),
        Change("CourseModelAllowlist.Add", Managers,
            w => Target(w, null, db => db.CourseModelConfigs.Where(m => m.CourseId == w.Course.Id && m.ModelId == "simulated/vision").ExecuteDeleteAsync()),
            (w, a, _) => Done(w.Get<CourseModelAllowlist>().AddAsync(a.Id, w.Course.Id, "simulated", "simulated/vision", Details("Vision"), Ct))),
        Change("CourseModelAllowlist.Update", Managers, w => w.NewModelAsync(w.Course.Id),
            (w, a, model) => Done(w.Get<CourseModelAllowlist>().UpdateAsync(a.Id, w.Course.Id, model, Details("Renamed"), Ct))),
        Change("CourseModelAllowlist.SetEnabled", Managers, w => w.NewModelAsync(w.Course.Id),
            (w, a, model) => Done(w.Get<CourseModelAllowlist>().SetEnabledAsync(a.Id, w.Course.Id, model, false, Ct))),
        Change("CourseModelAllowlist.RefreshSnapshot", Managers,
            w => Target(w, "simulated/swift", db => db.CourseModelConfigs.Where(m => m.CourseId == w.Course.Id && m.ModelId == "simulated/swift")
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.ContextLength, 1).SetProperty(m => m.CatalogueSnapshotAt, (DateTime?)null))),
            (w, a, model) => Done(w.Get<CourseModelAllowlist>().RefreshSnapshotAsync(a.Id, w.Course.Id, model, Ct))),
        Change("CourseModelAllowlist.Remove", Managers, w => w.NewModelAsync(w.Course.Id),
            (w, a, model) => Done(w.Get<CourseModelAllowlist>().RemoveAsync(a.Id, w.Course.Id, model, Ct))),
        Change("CourseModelAllowlist.Move", Managers,
            w => Target(w, "simulated/thinker", db => db.CourseModelConfigs.Where(m => m.CourseId == w.Course.Id && m.ModelId == "simulated/thinker")
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.SortOrder, -1))),
            (w, a, model) => Done(w.Get<CourseModelAllowlist>().MoveAsync(a.Id, w.Course.Id, model, MoveDirection.Down, Ct))),
        Change("CourseModelAllowlist.Update with course B's model", MismatchForManagers, NoTarget,
            (w, a, _) => Done(w.Get<CourseModelAllowlist>().UpdateAsync(a.Id, w.Course.Id, w.OtherModel.Id, Details("Hijacked"), Ct))),
        Change("CourseModelAllowlist.SetEnabled with course B's model", MismatchForManagers, NoTarget,
            (w, a, _) => Done(w.Get<CourseModelAllowlist>().SetEnabledAsync(a.Id, w.Course.Id, w.OtherModel.Id, false, Ct))),
        Change("CourseModelAllowlist.RefreshSnapshot with course B's model", MismatchForManagers, NoTarget,
            (w, a, _) => Done(w.Get<CourseModelAllowlist>().RefreshSnapshotAsync(a.Id, w.Course.Id, w.OtherModel.Id, Ct))),
        Change("CourseModelAllowlist.Remove with course B's model", MismatchForManagers, NoTarget,
            (w, a, _) => Done(w.Get<CourseModelAllowlist>().RemoveAsync(a.Id, w.Course.Id, w.OtherModel.Id, Ct))),
        Change("CourseModelAllowlist.Move with course B's model", MismatchForManagers, NoTarget,
            (w, a, _) => Done(w.Get<CourseModelAllowlist>().MoveAsync(a.Id, w.Course.Id, w.OtherModel.Id, MoveDirection.Up, Ct))),
        Read("CatalogueBrowser.Browse", Managers,
            (w, a, _) => Done(w.Get<CatalogueBrowser>().BrowseAsync(a.Id, w.Course.Id, new CatalogueQuery("simulated"), Ct))),

        // People tab: enroll, change roles, unenroll.
        Read("CourseEnrollment.List", Staff, (w, a, _) => Done(w.Get<CourseEnrollment>().ListAsync(a.Id, w.Course.Id, Ct))),
        Change("CourseEnrollment.Enroll", Managers, NoTarget, (w, a, _) => Done(w.Get<CourseEnrollment>().EnrollAsync(
            a.Id, w.Course.Id, "added-by-" + a.Email, null, CourseRole.Student, Ct))),
        Change("CourseEnrollment.EnrollMany", Managers, NoTarget, (w, a, _) => Done(w.Get<CourseEnrollment>().EnrollManyAsync(
            a.Id, w.Course.Id, $"pasted-by-{a.Email}\ninstructor-by-{a.Email}, instructor", CourseRole.Student, Ct))),
        Change("CourseEnrollment.SetRole", Managers, async w => (await w.NewPersonAsync(w.Course.Id)).Id,
            (w, a, person) => Done(w.Get<CourseEnrollment>().SetRoleAsync(a.Id, w.Course.Id, person, CourseRole.Instructor, Ct))),
        Change("CourseEnrollment.Unenroll", Managers, async w => (await w.NewPersonAsync(w.Course.Id)).Id,
            (w, a, person) => Done(w.Get<CourseEnrollment>().UnenrollAsync(a.Id, w.Course.Id, person, Ct))),
        Change("CourseEnrollment.SetRole of course B's student", MismatchForManagers, NoTarget,
            (w, a, _) => Done(w.Get<CourseEnrollment>().SetRoleAsync(a.Id, w.Course.Id, w[Actor.OtherStudent].Id, CourseRole.Tutor, Ct))),
        Change("CourseEnrollment.Unenroll course B's student", MismatchForManagers, NoTarget,
            (w, a, _) => Done(w.Get<CourseEnrollment>().UnenrollAsync(a.Id, w.Course.Id, w[Actor.OtherStudent].Id, Ct))),

        // Conversations tab (AC2.6): only the course named, read-only.
        Read("CourseConversations.List", Staff, async (w, a, _) =>
            (await w.Get<CourseConversations>().ListAsync(a.Id, w.Course.Id, new CourseConversationFilter(), 0, 50, Ct)).Rows
                .Any(r => r.Id == w.AlexConversation.Id) ? Outcome.Allowed : Outcome.NotFound),
        Read("CourseConversations.List filtered to course B's student", MismatchForStaff, async (w, a, _) =>
            (await w.Get<CourseConversations>().ListAsync(a.Id, w.Course.Id, new CourseConversationFilter(w[Actor.OtherStudent].Id), 0, 50, Ct)).Total == 0
                ? Outcome.NotFound : Outcome.Allowed),
        Read("CourseConversations.ListModelsUsed", Staff, (w, a, _) => Done(w.Get<CourseConversations>().ListModelsUsedAsync(a.Id, w.Course.Id, Ct))),
        Read("CourseConversations.Open", Staff.With(Outcome.ReadOnly, Actor.SiteAdmin, Actor.Instructor, Actor.Tutor), async (w, a, _) =>
            await w.Get<CourseConversations>().OpenAsync(a.Id, w.Course.Id, w.AlexConversation.Id, Ct) is { } view
                ? view.Detail.CanWrite ? Outcome.Allowed : Outcome.ReadOnly
                : Outcome.NotFound),
        Read("CourseConversations.Open course B's conversation", MismatchForStaff, async (w, a, _) =>
            await w.Get<CourseConversations>().OpenAsync(a.Id, w.Course.Id, w.OscarConversation.Id, Ct) is null ? Outcome.NotFound : Outcome.Allowed),
        Read("CourseConversations.Open an unknown conversation", MismatchForStaff, async (w, a, _) =>
            await w.Get<CourseConversations>().OpenAsync(a.Id, w.Course.Id, Guid.NewGuid(), Ct) is null ? Outcome.NotFound : Outcome.Allowed),
    ];

    internal static Task<Guid> NoTarget(AccessWorld world) => Task.FromResult(Guid.Empty);

    internal static async Task<Outcome> Done(Task task)
    {
        await task;
        return Outcome.Allowed;
    }

    internal static ActionCase Read(string name, IReadOnlyDictionary<Actor, Outcome> expected, Func<AccessWorld, User, Guid, Task<Outcome>> act) =>
        new(name, expected, Mutates: false, NoTarget, act);

    internal static ActionCase Change(
        string name, IReadOnlyDictionary<Actor, Outcome> expected, Func<AccessWorld, Task<Guid>> arrange,
        Func<AccessWorld, User, Guid, Task<Outcome>> act) =>
        new(name, expected, Mutates: true, arrange, act);

    /// <summary>Puts a row back in a known state; returns the id of course A's <paramref name="modelId"/>, if named.</summary>
    private static async Task<Guid> Target(AccessWorld world, string? modelId, Func<GrimoireDbContext, Task<int>> reset)
    {
        await world.ArrangeAsync(reset);
        return modelId is null ? Guid.Empty : (await world.ModelAsync(modelId)).Id;
    }

    private static CourseSettingsUpdate Settings(AccessWorld world, string name, Guid? defaultModel) =>
        new(world.Course.Code, name, "Renamed term", null, null, "Renamed prompt", defaultModel);

    private static CourseModelDetails Details(string name) => new(name, "Notes", "EU", CostTier.Low);
}
