using Grimoire.Core.Keys;

namespace Grimoire.Core.Jobs.Kinds;

/// <summary>
/// "Mint for all students without a key" as a job: the same run as <see cref="StudentKeyProvisioner.MintMissingAsync"/>
/// (every student by e-mail; those with a live key are skipped; a refused management key stops the rest), one step per
/// student.
/// </summary>
internal sealed class MintMissingKeysJob(StudentKeyProvisioner keys) : ICourseJobKind
{
    public CourseJobKind Kind => CourseJobKind.MintMissingKeys;

    public async Task<CourseJobPlan> PlanAsync(Guid actorId, Guid courseId, CancellationToken cancellationToken)
    {
        var run = await keys.PlanMintForClassAsync(actorId, courseId, cancellationToken);
        var students = run.Students.ToDictionary(s => s.Id);
        return new CourseJobPlan(
            [.. run.Students.Select(s => new CourseJobSubject(s.Id, s.Email))],
            async (subject, ct) =>
            {
                var (result, fatal) = await keys.MintInClassRunAsync(run, students[subject.UserId!.Value], ct);
                return result.Outcome switch
                {
                    KeyMintOutcome.Minted => new CourseJobStep(CourseJobItemOutcome.Succeeded),
                    KeyMintOutcome.AlreadyHadKey => new CourseJobStep(CourseJobItemOutcome.Skipped, result.Reason),
                    _ => new CourseJobStep(CourseJobItemOutcome.Failed, result.Reason, StopsRun: fatal),
                };
            });
    }
}
