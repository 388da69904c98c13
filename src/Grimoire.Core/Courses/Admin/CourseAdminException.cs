namespace Grimoire.Core.Courses.Admin;

/// <summary>
/// A course-administration request was refused. The message is written for the person who asked and is safe to
/// show: it never names another course's data or any secret.
/// </summary>
public class CourseAdminException : Exception
{
    public CourseAdminException()
        : this("That change could not be made.")
    {
    }

    public CourseAdminException(string message)
        : base(message)
    {
    }

    public CourseAdminException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
