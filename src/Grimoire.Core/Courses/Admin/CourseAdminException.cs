using Grimoire.Core.Refusals;

namespace Grimoire.Core.Courses.Admin;

/// <summary>
/// A course-administration request was refused. The message is written for the person who asked and is safe to
/// show: it never names another course's data or any secret. Used as is for "not possible now" (<see cref="RefusalKind.Conflict"/>).
/// </summary>
public class CourseAdminException : RefusalException
{
    public CourseAdminException()
        : this("That change could not be made.")
    {
    }

    public CourseAdminException(string message)
        : base(RefusalKind.Conflict, message)
    {
    }

    public CourseAdminException(string message, Exception innerException)
        : base(RefusalKind.Conflict, message, innerException)
    {
    }

    protected CourseAdminException(RefusalKind kind, string message, Exception? innerException = null)
        : base(kind, message, innerException)
    {
    }
}
