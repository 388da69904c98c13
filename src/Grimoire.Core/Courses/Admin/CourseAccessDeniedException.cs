namespace Grimoire.Core.Courses.Admin;

/// <summary>The person may not read or change this course (or the course does not exist: the two look alike).</summary>
public sealed class CourseAccessDeniedException : CourseAdminException
{
    public CourseAccessDeniedException()
        : this(CourseAdminAccess.NotStaffMessage)
    {
    }

    public CourseAccessDeniedException(string message)
        : base(Refusals.RefusalKind.Forbidden, message)
    {
    }

    public CourseAccessDeniedException(string message, Exception innerException)
        : base(Refusals.RefusalKind.Forbidden, message, innerException)
    {
    }
}
