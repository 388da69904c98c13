using Grimoire.Core.Courses;

namespace Grimoire.Core.Jobs;

/// <summary>
/// A long operation on a course (mint keys for the class, rotate every key, …) that runs on the server whatever the
/// page does (issue 17 item 13). Its counters move as it goes; <see cref="Items"/> says what happened to each student.
/// </summary>
public sealed class CourseJob
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid CourseId { get; set; }

    public Course? Course { get; set; }

    public CourseJobKind Kind { get; set; }

    public CourseJobState State { get; set; } = CourseJobState.Running;

    /// <summary>Who started it (their rights were checked then).</summary>
    public Guid StartedById { get; set; }

    public DateTime StartedAt { get; set; }

    public DateTime? FinishedAt { get; set; }

    /// <summary>How many students (or keys) the job planned to go through.</summary>
    public int Total { get; set; }

    /// <summary>Done as asked (a key minted, a key rotated).</summary>
    public int Succeeded { get; set; }

    /// <summary>Nothing to do (the student already had a key).</summary>
    public int Skipped { get; set; }

    public int Failed { get; set; }

    /// <summary>Who asked to cancel it, once someone has.</summary>
    public Guid? CancelRequestedById { get; set; }

    /// <summary>Why it stopped early (failed or interrupted), safe to show; null when it ran to the end.</summary>
    public string? Message { get; set; }

    public List<CourseJobItem> Items { get; } = [];
}
