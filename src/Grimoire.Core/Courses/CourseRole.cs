namespace Grimoire.Core.Courses;

/// <summary>A person's role in one course. Ordered: a higher role includes the rights of the lower ones.</summary>
public enum CourseRole
{
    Student = 0,
    Tutor = 1,
    Instructor = 2,
}
