namespace Grimoire.Core.Courses.Admin;

/// <summary>What one person may do in one course's administration.</summary>
/// <param name="Role">Their enrollment role, or null when not enrolled.</param>
/// <param name="IsSiteAdmin">Site admins manage every course.</param>
public sealed record CourseStaffRights(Guid CourseId, CourseRole? Role, bool IsSiteAdmin)
{
    /// <summary>Change settings, models, people and keys: the course's instructors and site admins.</summary>
    public bool CanManage => IsSiteAdmin || Role == CourseRole.Instructor;

    /// <summary>Read the administration pages and students' conversations: also tutors (AC2.6).</summary>
    public bool CanRead => CanManage || Role == CourseRole.Tutor;
}
