using Grimoire.Core.Courses.Admin;
using Grimoire.Core.Data;
using Grimoire.Core.Keys;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Grimoire.Core.Jobs;

/// <summary>
/// Long operations on a course that show their progress (issue 17 item 13): start one, cancel it, read the latest
/// (running or finished) with each student's result, and watch for its steps. Key jobs are for the course's
/// instructors and site admins only (<see cref="KeyAccessDeniedException"/>). One job runs per course at a time.
/// </summary>
public sealed class CourseJobs(
    IDbContextFactory<GrimoireDbContext> contextFactory,
    IEnumerable<ICourseJobKind> kinds,
    CourseJobRunner runner,
    CourseJobSignals signals,
    CourseJobMetrics metrics,
    StudentKeyProvisioner keys,
    TimeProvider time,
    ILogger<CourseJobs> logger) : IDisposable
{
    /// <summary>Serialises "no job running in this course? then start one" on this node.</summary>
    private readonly SemaphoreSlim startGate = new(1, 1);

    /// <summary>
    /// Plans and starts a job; it runs on the server until done, whatever happens to the page (the caller's token only
    /// covers planning). Refusals (rights, a missing course setting, a job already running) throw with a message to show.
    /// </summary>
    public async Task<Guid> StartAsync(Guid actorId, Guid courseId, CourseJobKind kind, CancellationToken cancellationToken)
    {
        var handler = kinds.SingleOrDefault(k => k.Kind == kind) ?? throw new ArgumentOutOfRangeException(nameof(kind), kind, "No such job.");
        await startGate.WaitAsync(cancellationToken);
        try
        {
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            await EnsureCanManageAsync(actorId, courseId, cancellationToken);
            if (await db.CourseJobs.AsNoTracking().Where(j => j.CourseId == courseId && j.State == CourseJobState.Running)
                    .Select(j => (CourseJobKind?)j.Kind).FirstOrDefaultAsync(cancellationToken) is { } busy)
            {
                throw new CourseAdminException($"{Describe(busy)} is still running for this course: wait for it to finish, or cancel it.");
            }

            var plan = await handler.PlanAsync(actorId, courseId, cancellationToken);
            var job = new CourseJob { CourseId = courseId, Kind = kind, StartedById = actorId, StartedAt = time.GetUtcNow().UtcDateTime, Total = plan.Subjects.Count };
            db.CourseJobs.Add(job);
            await db.SaveChangesAsync(CancellationToken.None);
            metrics.Started(kind);
            logger.LogInformation("Course job {JobId} ({Kind}) started in course {CourseId} by user {UserId}: {Total} to go",
                job.Id, kind, courseId, actorId, job.Total);
            runner.Run(job, plan);
            signals.Changed(courseId);
            return job.Id;
        }
        finally
        {
            startGate.Release();
        }
    }

    /// <summary>Asks a running job to stop after the student in hand. Cancelling a finished job does nothing.</summary>
    public async Task CancelAsync(Guid actorId, Guid jobId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var job = await db.CourseJobs.SingleOrDefaultAsync(j => j.Id == jobId, cancellationToken) ?? throw new KeyAccessDeniedException();
        await EnsureCanManageAsync(actorId, job.CourseId, cancellationToken);
        if (job.State != CourseJobState.Running || job.CancelRequestedById is not null)
        {
            return;
        }

        job.CancelRequestedById = actorId;
        await db.SaveChangesAsync(CancellationToken.None);
        var here = runner.RequestStop(jobId);
        logger.LogInformation("Cancel of course job {JobId} ({Kind}) requested by user {UserId}{Where}",
            jobId, job.Kind, actorId, here ? "" : " (not running on this node)");
        signals.Changed(job.CourseId);
    }

    /// <summary>The course's most recent job, running or finished, with every step's result; null when there was none.</summary>
    public async Task<CourseJobView?> LatestAsync(Guid actorId, Guid courseId, CancellationToken cancellationToken)
    {
        await EnsureCanManageAsync(actorId, courseId, cancellationToken);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var job = await db.CourseJobs.AsNoTracking()
            .Where(j => j.CourseId == courseId)
            .OrderByDescending(j => j.StartedAt).ThenByDescending(j => j.Id)
            .Select(j => new
            {
                j.Id, j.Kind, j.State, j.StartedAt, j.FinishedAt, j.Total, j.Succeeded, j.Skipped, j.Failed, j.CancelRequestedById, j.Message,
                StartedBy = db.Users.Where(u => u.Id == j.StartedById).Select(u => u.DisplayName).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (job is null)
        {
            return null;
        }

        var items = await db.Set<CourseJobItem>().AsNoTracking().Where(i => i.JobId == job.Id).OrderBy(i => i.Position)
            .Select(i => new CourseJobItemView(i.Position, i.UserId, i.Subject, i.Outcome, i.Reason))
            .ToListAsync(cancellationToken);
        return new CourseJobView(job.Id, job.Kind, job.State, job.StartedBy ?? "someone", job.StartedAt, job.FinishedAt, job.Total,
            job.Succeeded, job.Skipped, job.Failed, job.CancelRequestedById is not null, job.Message, items);
    }

    /// <summary>Signals whenever a job of the course moves; read <see cref="LatestAsync"/> then. Dispose to stop.</summary>
    public CourseJobWatch Watch(Guid courseId) => signals.Watch(courseId);

    /// <summary>How a kind of job is named in a sentence ("Minting keys for the class").</summary>
    public static string Describe(CourseJobKind kind) => kind switch
    {
        CourseJobKind.MintMissingKeys => "Minting keys for the class",
        CourseJobKind.RotateKeys => "Rotating every key",
        CourseJobKind.RefreshSpend => "Refreshing spend",
        _ => kind.ToString(),
    };

    private async Task EnsureCanManageAsync(Guid actorId, Guid courseId, CancellationToken cancellationToken)
    {
        if (!await keys.CanManageAsync(actorId, courseId, cancellationToken))
        {
            logger.LogWarning("User {UserId} was refused course jobs in course {CourseId}", actorId, courseId);
            throw new KeyAccessDeniedException();
        }
    }

    public void Dispose() => startGate.Dispose();
}
