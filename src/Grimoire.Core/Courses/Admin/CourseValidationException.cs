namespace Grimoire.Core.Courses.Admin;

/// <summary>The request was understood but its values are not acceptable; <see cref="Problems"/> says why, one per item.</summary>
public sealed class CourseValidationException : CourseAdminException
{
    public CourseValidationException()
        : this("The values given are not valid.")
    {
    }

    public CourseValidationException(string message)
        : base(Refusals.RefusalKind.Invalid, message) => Problems = [message];

    public CourseValidationException(string message, Exception innerException)
        : base(Refusals.RefusalKind.Invalid, message, innerException) => Problems = [message];

    public CourseValidationException(IReadOnlyList<string> problems)
        : base(Refusals.RefusalKind.Invalid, string.Join(" ", problems ?? throw new ArgumentNullException(nameof(problems)))) => Problems = problems;

    public IReadOnlyList<string> Problems { get; }

    /// <summary>Throws when there is at least one problem.</summary>
    public static void ThrowIfAny(IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (problems.Count > 0)
        {
            throw new CourseValidationException(problems);
        }
    }
}
