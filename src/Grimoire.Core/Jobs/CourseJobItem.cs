namespace Grimoire.Core.Jobs;

/// <summary>What a <see cref="CourseJob"/> did for one student (or key), in the order it went.</summary>
public sealed class CourseJobItem
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid JobId { get; set; }

    /// <summary>1 for the first student the job went through.</summary>
    public int Position { get; set; }

    public Guid? UserId { get; set; }

    /// <summary>Whom it concerned, as shown (the student's e-mail).</summary>
    public required string Subject { get; set; }

    public CourseJobItemOutcome Outcome { get; set; }

    /// <summary>Why it failed or was skipped, safe to show; never any part of a key.</summary>
    public string? Reason { get; set; }

    public DateTime At { get; set; }
}
