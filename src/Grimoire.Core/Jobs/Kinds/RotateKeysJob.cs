using Grimoire.Core.Keys;

namespace Grimoire.Core.Jobs.Kinds;

/// <summary>
/// "Rotate every key" of a course: each key that is not revoked is replaced by a new one with the same budget
/// (<see cref="StudentKeyProvisioner.RotateAsync"/>), one step per key. A refused management key stops the rest.
/// </summary>
internal sealed class RotateKeysJob(StudentKeyProvisioner keys) : ICourseJobKind
{
    public CourseJobKind Kind => CourseJobKind.RotateKeys;

    public async Task<CourseJobPlan> PlanAsync(Guid actorId, Guid courseId, CancellationToken cancellationToken)
    {
        var live = await keys.UnrevokedKeysAsync(actorId, courseId, cancellationToken);
        return new CourseJobPlan(
            [.. live.Select(k => new CourseJobSubject(k.UserId, k.Email, k.KeyId))],
            (subject, ct) => KeyJobStep.AttemptAsync(async () =>
            {
                await keys.RotateAsync(actorId, subject.TargetId!.Value, ct);
                return new CourseJobStep(CourseJobItemOutcome.Succeeded);
            }));
    }
}
