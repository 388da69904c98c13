using Grimoire.Core.Keys;

namespace Grimoire.Core.Courses.Admin;

/// <summary>A course's settings as the Settings tab shows them.</summary>
/// <param name="Models">Every model on the allowlist, for choosing the default (disabled ones marked).</param>
/// <param name="CanManage">False for tutors: they see the settings read-only.</param>
public sealed record CourseSettingsView(
    Guid Id,
    string Code,
    string Name,
    string Term,
    DateOnly? StartsOn,
    DateOnly? EndsOn,
    bool IsArchived,
    string DefaultSystemPrompt,
    Guid? DefaultModelConfigId,
    IReadOnlyList<CourseModelChoice> Models,
    bool CanManage,
    CourseKeyDefaults KeyDefaults)
{
    /// <summary>Whether students may share their conversations' workspaces with classmates (AC8.1).</summary>
    public bool StudentsMayShareWorkspaces { get; init; } = true;
}

/// <summary>A model that may be chosen as the course default.</summary>
public sealed record CourseModelChoice(Guid Id, string DisplayName, bool IsEnabled);

/// <summary>The editable settings. The code is normalised (trimmed, capitals) and must be unique.</summary>
/// <param name="DefaultModelConfigId">Must be one of this course's models, or null for none.</param>
/// <param name="KeyDefaults">The defaults for new keys; null leaves them as they are.</param>
/// <param name="StudentsMayShareWorkspaces">Whether students may share workspaces (AC8.1); null leaves it as it is.</param>
public sealed record CourseSettingsUpdate(
    string Code,
    string Name,
    string Term,
    DateOnly? StartsOn,
    DateOnly? EndsOn,
    string DefaultSystemPrompt,
    Guid? DefaultModelConfigId,
    CourseKeyDefaults? KeyDefaults = null,
    bool? StudentsMayShareWorkspaces = null);

/// <summary>
/// What a newly minted student key gets (AC2.3): a spending limit in USD (none set: keys cannot be minted yet), when
/// it resets, and the last day it works (none: the course's end date).
/// </summary>
public sealed record CourseKeyDefaults(decimal? Budget, BudgetResetPeriod Reset, DateOnly? ExpiresOn)
{
    /// <summary>The highest default budget accepted, in USD, to catch a slipped digit.</summary>
    public const decimal MaxBudget = 10_000m;
}
