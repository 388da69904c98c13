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

    /// <summary>
    /// What each student may spend in USD per <see cref="UsageBudgetReset"/> period on providers reached with the
    /// operator's key (no per-student key), enforced by Grimoire before each call (X7); null for no limit.
    /// </summary>
    public decimal? StudentBudget { get; set; }

    /// <summary>What the whole course may spend per period on operator-key providers (X7); null for no limit.</summary>
    public decimal? CourseBudget { get; set; }

    /// <summary>When <see cref="StudentBudget"/> and <see cref="CourseBudget"/> start again (midnight UTC; weeks from Monday).</summary>
    public BudgetResetPeriod UsageBudgetReset { get; set; }

    /// <summary>The course's IANA time zone: the usage dashboard's days (stored times stay UTC).</summary>
    public string TimeZoneId { get; set; } = "UTC";

    /// <summary>The share of a budget from which a student counts as near their limit (dashboard, student view).</summary>
    public decimal NearLimitShare { get; set; } = 0.8m;

    /// <summary>
    /// Whether students may share their workspaces with classmates (AC8.1). Off: no new invitations from students;
    /// shares made before stay until their owner revokes them. Staff may always share their own.
    /// </summary>
    public bool StudentsMayShareWorkspaces { get; set; } = true;

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;

    public List<Enrollment> Enrollments { get; set; } = [];

    public List<CourseModelConfig> Models { get; set; } = [];
}
