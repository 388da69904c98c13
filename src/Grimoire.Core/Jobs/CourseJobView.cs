namespace Grimoire.Core.Jobs;

/// <summary>A course job as the page shows it: where it is, its counts and each student's result.</summary>
public sealed record CourseJobView(
    Guid Id,
    CourseJobKind Kind,
    CourseJobState State,
    string StartedBy,
    DateTime StartedAt,
    DateTime? FinishedAt,
    int Total,
    int Succeeded,
    int Skipped,
    int Failed,
    bool CancelRequested,
    string? Message,
    IReadOnlyList<CourseJobItemView> Items)
{
    public bool IsRunning => State == CourseJobState.Running;

    /// <summary>Students (or keys) gone through so far, whatever the outcome.</summary>
    public int Processed => Succeeded + Skipped + Failed;

    /// <summary>Planned but never reached (cancelled or interrupted); 0 while running or when it ran to the end.</summary>
    public int NotAttempted => IsRunning ? 0 : Total - Processed;
}

/// <summary>What the job did for one student.</summary>
public sealed record CourseJobItemView(int Position, Guid? UserId, string Subject, CourseJobItemOutcome Outcome, string? Reason);
