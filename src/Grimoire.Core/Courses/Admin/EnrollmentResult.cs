namespace Grimoire.Core.Courses.Admin;

/// <summary>What happened to one person of an enrollment request.</summary>
public enum EnrollmentOutcome
{
    /// <summary>Newly enrolled (and created, when <see cref="EnrollmentResult.CreatedUser"/>).</summary>
    Added,

    /// <summary>Was enrolled with another role; the line asked for this one.</summary>
    RoleChanged,

    /// <summary>Already enrolled; nothing changed.</summary>
    AlreadyEnrolled,

    /// <summary>Not done; <see cref="EnrollmentResult.Message"/> says why.</summary>
    Invalid,
}

/// <summary>The result for one line (or one address) of an enrollment request.</summary>
public sealed record EnrollmentResult(
    int LineNumber,
    string Input,
    string? Email,
    EnrollmentOutcome Outcome,
    CourseRole? Role,
    bool CreatedUser,
    string Message);

/// <summary>Every line's result, in the order pasted.</summary>
public sealed record EnrollmentBatchResult(IReadOnlyList<EnrollmentResult> Lines)
{
    public int Count(EnrollmentOutcome outcome) => Lines.Count(l => l.Outcome == outcome);
}

/// <summary>One person in a course, for the People tab.</summary>
public sealed record CoursePerson(
    Guid UserId, string Email, string DisplayName, CourseRole Role, DateTime EnrolledAt, DateTime? LastSignInAt);
