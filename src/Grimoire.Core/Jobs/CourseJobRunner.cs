using System.Collections.Concurrent;
using System.Data.Common;
using Grimoire.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Grimoire.Core.Jobs;

/// <summary>
/// Runs course jobs in the background, each on its own task, independent of any page or circuit: the job's row is
/// updated after every step (counts and the step's result, one save), so a page reloaded later finds the job where
/// it is, or its result. A cancel request is honoured between steps (the student in hand finishes); stopping the
/// server aborts the step in hand and marks the job interrupted. Singleton; nothing static.
/// </summary>
public sealed class CourseJobRunner(
    IDbContextFactory<GrimoireDbContext> contextFactory,
    CourseJobSignals signals,
    CourseJobMetrics metrics,
    TimeProvider time,
    ILogger<CourseJobRunner> logger) : IDisposable
{
    public const string InterruptedMessage =
        "The server stopped while this ran. What was done is kept; start it again to finish the rest.";

    private const string UnexpectedFailure = "Something went wrong on our side while this ran. What was done is kept; try again.";

    private readonly CancellationTokenSource shutdown = new();
    private readonly ConcurrentDictionary<Guid, Running> running = new();

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>Starts <paramref name="plan"/> for the job row <paramref name="job"/> (already saved, Running).</summary>
    internal void Run(CourseJob job, CourseJobPlan plan)
    {
        var stop = CancellationTokenSource.CreateLinkedTokenSource(shutdown.Token);
        var entry = new Running(stop);
        running[job.Id] = entry;
        entry.Completion = Task.Run(() => ExecuteAsync(job.Id, job.CourseId, job.Kind, plan, stop.Token), CancellationToken.None);
    }

    /// <summary>Asks a job running here to stop after the step in hand; false when it is not running here.</summary>
    internal bool RequestStop(Guid jobId)
    {
        if (!running.TryGetValue(jobId, out var entry))
        {
            return false;
        }

        try
        {
            entry.Stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
            return false; // it has just finished
        }

        return true;
    }

    /// <summary>Server stopping: aborts every running job and waits until each has saved its final state.</summary>
    public async Task ShutdownAsync(CancellationToken cancellationToken)
    {
        try
        {
            await shutdown.CancelAsync();
        }
        catch (ObjectDisposedException)
        {
            return;
        }

        await Task.WhenAll(running.Values.Select(r => r.Completion)).WaitAsync(cancellationToken);
    }

    /// <summary>
    /// At start-up: jobs a previous process left running are marked interrupted (what they did is kept). Assumes one
    /// node, like the interrupted-turn sweep. Returns how many.
    /// </summary>
    public async Task<int> RecoverAsync(CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var here = running.Keys.ToList();
        var now = Now;
        var count = await db.CourseJobs
            .Where(j => j.State == CourseJobState.Running && !here.Contains(j.Id))
            .ExecuteUpdateAsync(s => s
                .SetProperty(j => j.State, CourseJobState.Interrupted)
                .SetProperty(j => j.FinishedAt, now)
                .SetProperty(j => j.Message, InterruptedMessage), cancellationToken);
        if (count > 0)
        {
            logger.LogWarning("{Count} course job(s) left running by a previous process marked interrupted", count);
        }

        return count;
    }

    private async Task ExecuteAsync(Guid jobId, Guid courseId, CourseJobKind kind, CourseJobPlan plan, CancellationToken stop)
    {
        var state = CourseJobState.Completed;
        string? message = null;
        try
        {
            await using var db = await contextFactory.CreateDbContextAsync(CancellationToken.None);
            var job = await db.CourseJobs.SingleAsync(j => j.Id == jobId, CancellationToken.None);
            try
            {
                (state, message) = await StepThroughAsync(db, job, plan, stop);
            }
            catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
            {
                (state, message) = (CourseJobState.Interrupted, InterruptedMessage);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                logger.LogError(ex, "Course job {JobId} ({Kind}) failed unexpectedly in course {CourseId}", jobId, kind, courseId);
                (state, message) = (CourseJobState.Failed, UnexpectedFailure);
            }

            job.State = state;
            job.Message = message;
            job.FinishedAt = Now;
            await db.SaveChangesAsync(CancellationToken.None);
            metrics.Finished(kind, state);
            logger.LogInformation(
                "Course job {JobId} ({Kind}) in course {CourseId} ended {State}: {Succeeded} succeeded, {Skipped} skipped, {Failed} failed, {NotAttempted} not attempted of {Total}",
                jobId, kind, courseId, state, job.Succeeded, job.Skipped, job.Failed, job.Total - job.Succeeded - job.Skipped - job.Failed, job.Total);
        }
        catch (Exception ex) when (ex is DbException or DbUpdateException or InvalidOperationException)
        {
            // The final state could not be saved; start-up marks it interrupted.
            logger.LogError(ex, "Course job {JobId} ({Kind}) could not save its final state ({State})", jobId, kind, state);
        }
        finally
        {
            if (running.TryRemove(jobId, out var entry))
            {
                entry.Stop.Dispose();
            }

            signals.Changed(courseId);
        }
    }

    private async Task<(CourseJobState State, string? Message)> StepThroughAsync(
        GrimoireDbContext db, CourseJob job, CourseJobPlan plan, CancellationToken stop)
    {
        string? notAttempted = null;
        string? failure = null;
        var position = 0;
        foreach (var subject in plan.Subjects)
        {
            if (stop.IsCancellationRequested && notAttempted is null)
            {
                return shutdown.IsCancellationRequested
                    ? (CourseJobState.Interrupted, InterruptedMessage)
                    : (CourseJobState.Cancelled, null);
            }

            // The step in hand runs to its end on a cancel request; only the server stopping aborts it.
            var step = notAttempted is not null
                ? new CourseJobStep(CourseJobItemOutcome.Failed, notAttempted)
                : await plan.RunStepAsync(subject, shutdown.Token);
            if (step.StopsRun && notAttempted is null)
            {
                failure = step.Reason;
                notAttempted = $"Not attempted: {step.Reason}";
            }

            Record(db, job, ++position, subject, step);
            await db.SaveChangesAsync(CancellationToken.None);
            metrics.Step(job.Kind, step.Outcome);
            signals.Changed(job.CourseId);
        }

        return failure is null ? (CourseJobState.Completed, null) : (CourseJobState.Failed, failure);
    }

    private void Record(GrimoireDbContext db, CourseJob job, int position, CourseJobSubject subject, CourseJobStep step)
    {
        switch (step.Outcome)
        {
            case CourseJobItemOutcome.Succeeded:
                job.Succeeded++;
                break;
            case CourseJobItemOutcome.Skipped:
                job.Skipped++;
                break;
            default:
                job.Failed++;
                break;
        }

        db.Add(new CourseJobItem
        {
            JobId = job.Id, Position = position, UserId = subject.UserId, Subject = subject.Label,
            Outcome = step.Outcome, Reason = Clip(step.Reason), At = Now,
        });
    }

    private static string? Clip(string? reason) => reason is { Length: > 1000 } ? reason[..999] + "…" : reason;

    public void Dispose()
    {
        shutdown.Dispose();
        foreach (var entry in running.Values)
        {
            entry.Stop.Dispose();
        }
    }

    private sealed class Running(CancellationTokenSource stop)
    {
        public CancellationTokenSource Stop { get; } = stop;

        public Task Completion { get; set; } = Task.CompletedTask;
    }
}
