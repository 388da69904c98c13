using Grimoire.Core.Courses;

namespace Grimoire.Core.Access;

public sealed record CourseMembership(Guid CourseId, string Code, string Name, string Term, bool IsArchived, CourseRole Role);
