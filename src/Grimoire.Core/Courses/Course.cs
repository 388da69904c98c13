using Grimoire.Core.Keys;

namespace Grimoire.Core.Courses;

public sealed class Course
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>Short unique code, e.g. "LING-210".</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }

    /// <summary>Free text, e.g. "Autumn 2026".</summary>
    public string Term { get; set; } = "";

    public DateOnly? StartsOn { get; set; }

    public DateOnly? EndsOn { get; set; }

    public bool IsArchived { get; set; }

    public string DefaultSystemPrompt { get; set; } = "";

    /// <summary>The <see cref="CourseModelConfig"/> pre-selected in the playground, if any.</summary>
    public Guid? DefaultModelConfigId { get; set; }

    /// <summary>Spending limit in USD given to each student key minted in this course (AC2.5); null until set.</summary>
    public decimal? DefaultKeyBudget { get; set; }

    /// <summary>When the default budget resets at the provider.</summary>
    public BudgetResetPeriod DefaultKeyBudgetReset { get; set; }

    /// <summary>The day minted keys expire (at the end of it, UTC); null means the course's <see cref="EndsOn"/>.</summary>
    public DateOnly? DefaultKeyExpiresOn { get; set; }

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;

    public List<Enrollment> Enrollments { get; set; } = [];

    public List<CourseModelConfig> Models { get; set; } = [];
}
