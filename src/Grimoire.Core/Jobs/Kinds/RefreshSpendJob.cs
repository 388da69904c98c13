using Grimoire.Core.Keys;

namespace Grimoire.Core.Jobs.Kinds;

/// <summary>
/// "Refresh spend" for a course: each key that is not revoked has its spend read from the provider and kept on the key,
/// one step per key, so the Keys tab shows it (with when it was read) however long the page is away. A key the
/// provider no longer has is a failed step and is shown as missing. A refused management key stops the rest.
/// </summary>
internal sealed class RefreshSpendJob(StudentKeyProvisioner keys) : ICourseJobKind
{
    public const string MissingReason = "OpenRouter no longer lists this key (deleted on its dashboard?). Rotate it to give the student a working one.";

    public CourseJobKind Kind => CourseJobKind.RefreshSpend;

    public async Task<CourseJobPlan> PlanAsync(Guid actorId, Guid courseId, CancellationToken cancellationToken)
    {
        var live = await keys.UnrevokedKeysAsync(actorId, courseId, cancellationToken);
        return new CourseJobPlan(
            [.. live.Select(k => new CourseJobSubject(k.UserId, k.Email, k.KeyId))],
            (subject, ct) => KeyJobStep.AttemptAsync(async () =>
                await keys.RefreshSpendOfKeyAsync(actorId, subject.TargetId!.Value, ct)
                    ? new CourseJobStep(CourseJobItemOutcome.Succeeded)
                    : new CourseJobStep(CourseJobItemOutcome.Failed, MissingReason)));
    }
}
