using Grimoire.Core.Accounts;
using Grimoire.Core.Jobs;
using Grimoire.Core.Keys;
using static Grimoire.Core.Tests.AccessMatrix.CourseAdminActions;
using static Grimoire.Core.Tests.AccessMatrix.Rights;

namespace Grimoire.Core.Tests.AccessMatrix;

/// <summary>
/// The instructor's key tools (AC2.3–AC2.5) by every actor, against the fake OpenRouter. Only the course's instructors
/// and site admins, tutors included in the refusal (they never see the key table); a key is managed by its own course,
/// whatever course the caller names; refusals never reach the provider.
/// </summary>
public static class KeyActions
{
    private const string OpenRouter = "openrouter";
    private static readonly CancellationToken Ct = CancellationToken.None;

    public static IEnumerable<ActionCase> All =>
    [
        Read("StudentKeyProvisioner.List", Managers,
            (w, a, _) => Done(w.Get<StudentKeyProvisioner>().ListAsync(a.Id, w.Course.Id, OpenRouter, refreshSpend: true, Ct))),
        Change("StudentKeyProvisioner.Mint", Managers, async w => (await w.NewPersonAsync(w.Course.Id)).Id,
            async (w, a, student) => Minted(await w.Get<StudentKeyProvisioner>().MintAsync(a.Id, w.Course.Id, student, OpenRouter, Ct))),
        Change("StudentKeyProvisioner.MintMissing", Managers, async w => (await w.NewPersonAsync(w.Course.Id)).Id,
            async (w, a, student) => (await w.Get<StudentKeyProvisioner>().MintMissingAsync(a.Id, w.Course.Id, OpenRouter, Ct))
                .Any(r => r.StudentId == student && r.Outcome == KeyMintOutcome.Minted) ? Outcome.Allowed : Outcome.NotFound),
        Change("StudentKeyProvisioner.ChangeBudget", Managers, w => w.NewKeyAsync(w.Course.Id),
            (w, a, key) => Done(w.Get<StudentKeyProvisioner>().ChangeBudgetAsync(a.Id, key, Budget(w), Ct))),
        Change("StudentKeyProvisioner.SetDisabled", Managers, w => w.NewKeyAsync(w.Course.Id),
            (w, a, key) => Done(w.Get<StudentKeyProvisioner>().SetDisabledAsync(a.Id, key, true, Ct))),
        Change("StudentKeyProvisioner.Rotate", Managers, w => w.NewKeyAsync(w.Course.Id),
            (w, a, key) => Done(w.Get<StudentKeyProvisioner>().RotateAsync(a.Id, key, Ct))),
        Change("StudentKeyProvisioner.Revoke", Managers, w => w.NewKeyAsync(w.Course.Id),
            (w, a, key) => Done(w.Get<StudentKeyProvisioner>().RevokeAsync(a.Id, key, Ct))),
        Change("StudentKeyProvisioner.RevokeStudentKeys", Managers,
            async w => { var student = await w.NewPersonAsync(w.Course.Id); await w.NewKeyAsync(student, w.Course.Id); return student.Id; },
            async (w, a, student) => await w.Get<StudentKeyProvisioner>().RevokeStudentKeysAsync(a.Id, w.Course.Id, student, Ct) > 0
                ? Outcome.Allowed : Outcome.NotFound),

        // Course A named, course B's person: nothing is minted or revoked for them.
        Change("StudentKeyProvisioner.Mint for course B's student", MismatchForManagers, NoTarget,
            async (w, a, _) => Minted(await w.Get<StudentKeyProvisioner>().MintAsync(a.Id, w.Course.Id, w[Actor.OtherStudent].Id, OpenRouter, Ct))),
        Change("StudentKeyProvisioner.RevokeStudentKeys of course B's student", MismatchForManagers, NoTarget,
            async (w, a, _) => await w.Get<StudentKeyProvisioner>().RevokeStudentKeysAsync(a.Id, w.Course.Id, w[Actor.OtherStudent].Id, Ct) > 0
                ? Outcome.Allowed : Outcome.NotFound),

        // A key id alone decides its course: course B's keys answer to course B's instructors, never to course A's.
        Change("StudentKeyProvisioner.ChangeBudget of a course B key", OtherManagers, w => w.NewKeyAsync(w.OtherCourse.Id),
            (w, a, key) => Done(w.Get<StudentKeyProvisioner>().ChangeBudgetAsync(a.Id, key, Budget(w), Ct))),
        Change("StudentKeyProvisioner.SetDisabled of a course B key", OtherManagers, w => w.NewKeyAsync(w.OtherCourse.Id),
            (w, a, key) => Done(w.Get<StudentKeyProvisioner>().SetDisabledAsync(a.Id, key, true, Ct))),
        Change("StudentKeyProvisioner.Rotate a course B key", OtherManagers, w => w.NewKeyAsync(w.OtherCourse.Id),
            (w, a, key) => Done(w.Get<StudentKeyProvisioner>().RotateAsync(a.Id, key, Ct))),
        Change("StudentKeyProvisioner.Revoke a course B key", OtherManagers, w => w.NewKeyAsync(w.OtherCourse.Id),
            (w, a, key) => Done(w.Get<StudentKeyProvisioner>().RevokeAsync(a.Id, key, Ct))),
        Read("StudentKeyProvisioner.Revoke an unknown key", Allow(Outcome.Allowed),
            (w, a, _) => Done(w.Get<StudentKeyProvisioner>().RevokeAsync(a.Id, Guid.NewGuid(), Ct))),

        // Course jobs (issue 17 item 13) run the key tools for a class: the same rights, checked before anything runs.
        Change("CourseJobs.Start", Managers, async w => (await w.NewPersonAsync(w.Course.Id)).Id, MintedByJobAsync),
        Read("CourseJobs.Latest", Managers, (w, a, _) => Done(w.Get<CourseJobs>().LatestAsync(a.Id, w.Course.Id, Ct))),
        Change("CourseJobs.Cancel", Managers, w => w.NewRunningJobAsync(w.Course.Id),
            (w, a, job) => Done(w.Get<CourseJobs>().CancelAsync(a.Id, job, Ct))),
        Change("CourseJobs.Cancel a course B job", OtherManagers, w => w.NewRunningJobAsync(w.OtherCourse.Id),
            (w, a, job) => Done(w.Get<CourseJobs>().CancelAsync(a.Id, job, Ct))),
        Read("CourseJobs.Cancel an unknown job", Allow(Outcome.Allowed),
            (w, a, _) => Done(w.Get<CourseJobs>().CancelAsync(a.Id, Guid.NewGuid(), Ct))),
    ];

    /// <summary>Starts "mint for the class" and waits for it to end (nothing runs on afterwards): did the student get a key?</summary>
    private static async Task<Outcome> MintedByJobAsync(AccessWorld w, User actor, Guid student)
    {
        var jobs = w.Get<CourseJobs>();
        using var watch = jobs.Watch(w.Course.Id);
        var id = await jobs.StartAsync(actor.Id, w.Course.Id, CourseJobKind.MintMissingKeys, Ct);
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30)); // bounds a failing test only
        while (await jobs.LatestAsync(actor.Id, w.Course.Id, Ct) is not { IsRunning: false } done || done.Id != id)
        {
            await watch.Changes.ReadAsync(limit.Token);
        }

        var result = await jobs.LatestAsync(actor.Id, w.Course.Id, Ct);
        return result!.Items.Any(i => i.UserId == student && i.Outcome == CourseJobItemOutcome.Succeeded) ? Outcome.Allowed : Outcome.NotFound;
    }

    private static Outcome Minted(KeyMintResult result) => result.Outcome switch
    {
        KeyMintOutcome.Minted => Outcome.Allowed,
        _ => throw new InvalidOperationException($"Expected a key or a refusal, got {result.Outcome}: {result.Reason}"),
    };

    /// <summary>A new limit with the expiry every key of the world is minted with: a change the provider makes in place.</summary>
    private static KeyBudget Budget(AccessWorld world) => new(7.5m, BudgetResetPeriod.Weekly, world.KeysExpireAt);
}
