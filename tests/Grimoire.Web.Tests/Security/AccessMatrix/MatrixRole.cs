namespace Grimoire.Web.Tests.Security.AccessMatrix;

/// <summary>Who asks, relative to course A (the demo course) and course B (the other course).</summary>
public enum MatrixRole
{
    Anonymous,
    SiteAdmin,
    Instructor,
    Tutor,
    Student,
    Classmate,
    OtherInstructor,
    OtherTutor,
    OtherStudent,
}
