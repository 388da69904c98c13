using Grimoire.Core.Courses;

namespace Grimoire.Core.Demo;

public sealed record DemoUser(string Email, string DisplayName, string FirstName, CourseRole? Role);
