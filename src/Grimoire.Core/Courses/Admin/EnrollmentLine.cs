namespace Grimoire.Core.Courses.Admin;

/// <summary>One person read from a pasted list, or the reason the line could not be read.</summary>
/// <param name="LineNumber">1-based line in the pasted text.</param>
/// <param name="Input">The line as pasted (trimmed), to show beside its result.</param>
/// <param name="Email">Normalised e-mail address; null when the line is invalid.</param>
/// <param name="DisplayName">The name given on the line, or null to default to the part before the @.</param>
/// <param name="Role">The role given on the line, or null when none was (the batch's default applies).</param>
/// <param name="Error">Why the line was rejected; null when it is valid.</param>
public sealed record EnrollmentLine(int LineNumber, string Input, string? Email, string? DisplayName, CourseRole? Role, string? Error)
{
    public bool IsValid => Error is null;
}
