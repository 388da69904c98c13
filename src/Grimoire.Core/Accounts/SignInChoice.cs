using Grimoire.Core.Courses;

namespace Grimoire.Core.Accounts;

/// <summary>One person on the demo sign-in page.</summary>
/// <param name="Roles">Roles held in any course, instructor first; empty for someone in no course.</param>
public sealed record SignInChoice(string Email, string DisplayName, bool IsSiteAdmin, IReadOnlyList<CourseRole> Roles);
