using Grimoire.Core.Courses;

namespace Grimoire.Core.Lti;

/// <summary>
/// LMS context roles to Grimoire course roles (X9): Instructor → instructor, TeachingAssistant → tutor, Learner →
/// student. A teaching assistant is an Instructor sub-role, so it wins over a plain Instructor it comes with. System
/// and institution roles (an LMS administrator) map to nothing: they never make anyone a site admin.
/// </summary>
public static class LtiRoles
{
    public static CourseRole? Map(IEnumerable<string> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var context = roles.Select(Context).ToHashSet(StringComparer.Ordinal);
        return context.Contains("TeachingAssistant") ? CourseRole.Tutor
            : context.Contains("Instructor") ? CourseRole.Instructor
            : context.Contains("Learner") ? CourseRole.Student
            : null;
    }

    /// <summary>The context role a role URI names ("Instructor", "TeachingAssistant", "Learner", …), or "" for others.</summary>
    private static string Context(string role)
    {
        const string membership = "http://purl.imsglobal.org/vocab/lis/v2/membership";
        if (role.StartsWith(membership + "#", StringComparison.Ordinal))
        {
            return role[(membership.Length + 1)..];
        }

        if (role.StartsWith(membership + "/", StringComparison.Ordinal) && role.IndexOf('#', StringComparison.Ordinal) is var hash and > 0)
        {
            return role[(hash + 1)..];
        }

        // LTI 1.3 still allows the bare context role names of LTI 1.1.
        return role is "Instructor" or "Learner" or "TeachingAssistant" ? role : "";
    }
}
