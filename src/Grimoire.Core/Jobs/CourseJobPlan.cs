namespace Grimoire.Core.Jobs;

/// <summary>One thing a job goes through: a student, or one of their keys (<see cref="TargetId"/>).</summary>
public sealed record CourseJobSubject(Guid? UserId, string Label, Guid? TargetId = null);

/// <summary>
/// What one step did. <see cref="StopsRun"/>: every later step would fail the same way (no usable management key), so
/// the rest are recorded as not attempted and the job ends <see cref="CourseJobState.Failed"/>.
/// </summary>
public sealed record CourseJobStep(CourseJobItemOutcome Outcome, string? Reason = null, bool StopsRun = false);

/// <summary>What a job will go through, in order, and how it handles one of them.</summary>
public sealed record CourseJobPlan(IReadOnlyList<CourseJobSubject> Subjects, Func<CourseJobSubject, CancellationToken, Task<CourseJobStep>> RunStepAsync);

/// <summary>
/// A kind of course job. <see cref="PlanAsync"/> checks the actor's rights and the course (throwing the service's own
/// refusal, whose message is shown) and lists what the job will go through; nothing has changed yet when it returns.
/// </summary>
public interface ICourseJobKind
{
    CourseJobKind Kind { get; }

    Task<CourseJobPlan> PlanAsync(Guid actorId, Guid courseId, CancellationToken cancellationToken);
}
