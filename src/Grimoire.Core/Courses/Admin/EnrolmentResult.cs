namespace Grimoire.Core.Courses.Admin;

/// <summary>What happened to one person of an enrolment request.</summary>
public enum EnrolmentOutcome
{
    /// <summary>Newly enrolled (and created, when <see cref="EnrolmentResult.CreatedUser"/>).</summary>
    Added,

    /// <summary>Was enrolled with another role; the line asked for this one.</summary>
    RoleChanged,

    /// <summary>Already enrolled; nothing changed.</summary>
    AlreadyEnrolled,

    /// <summary>Not done; <see cref="EnrolmentResult.Message"/> says why.</summary>
    Invalid,
}

/// <summary>The result for one line (or one address) of an enrolment request.</summary>
public sealed record EnrolmentResult(
    int LineNumber,
    string Input,
    string? Email,
    EnrolmentOutcome Outcome,
    CourseRole? Role,
    bool CreatedUser,
    string Message);

/// <summary>Every line's result, in the order pasted.</summary>
public sealed record EnrolmentBatchResult(IReadOnlyList<EnrolmentResult> Lines)
{
    public int Count(EnrolmentOutcome outcome) => Lines.Count(l => l.Outcome == outcome);
}

/// <summary>One person in a course, for the People tab.</summary>
public sealed record CoursePerson(
    Guid UserId, string Email, string DisplayName, CourseRole Role, DateTime EnrolledAt, DateTime? LastSignInAt);
