namespace Grimoire.Web.Features.Courses;

/// <summary>Who is looking at which course and whether they may change it; decided once by the course page.</summary>
/// <param name="CanManage">Instructors and site admins; false for tutors, who read only.</param>
public sealed record CourseAdminContext(Guid CourseId, Guid ActorId, bool CanManage);
