using Grimoire.Core.Courses;

namespace Grimoire.Core.Keys;

/// <summary>
/// One line of a course's key table: a student and one of their keys (or none). Spend figures come from the
/// provider's key listing and are null unless it was refreshed; never any part of the key itself.
/// </summary>
public sealed record StudentKeyRow(
    Guid StudentId,
    string Email,
    string DisplayName,
    CourseRole? Role,
    string Provider,
    Guid? KeyId,
    StudentKeyStatus Status,
    decimal? BudgetLimit,
    BudgetResetPeriod BudgetReset,
    DateTime? ExpiresAt,
    DateTime? CreatedAt,
    DateTime? RevokedAt)
{
    /// <summary>Total spend in USD since the key was minted.</summary>
    public decimal? Spend { get; init; }

    /// <summary>Spend in the current budget period (day, week or month), when the budget resets.</summary>
    public decimal? SpendThisPeriod { get; init; }

    /// <summary>What the provider says is left of the limit.</summary>
    public decimal? LimitRemaining { get; init; }

    /// <summary>The key should be live but the provider no longer lists it (deleted on the provider's dashboard?).</summary>
    public bool MissingAtProvider { get; init; }
}

/// <summary>A course's key table, with when spend was read from the provider and why it could not be, if so.</summary>
public sealed record StudentKeyList(IReadOnlyList<StudentKeyRow> Rows, DateTime? SpendAsOf, string? SpendProblem);
