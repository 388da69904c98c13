using Grimoire.Core.Courses;

namespace Grimoire.Core.Admin;

/// <summary>One person as the site admin's user list shows them.</summary>
public sealed record SiteUserRow(
    Guid Id,
    string Email,
    string DisplayName,
    bool IsSiteAdmin,
    DateTime CreatedAt,
    DateTime? LastSignInAt,
    IReadOnlyList<SiteUserCourse> Courses);

/// <summary>A course the person is enrolled in, with their role.</summary>
public sealed record SiteUserCourse(Guid CourseId, string Code, CourseRole Role);

/// <summary>One page of users, with the total for the pager.</summary>
public sealed record SiteUserPage(IReadOnlyList<SiteUserRow> Rows, int Total, int Skip, int Take);
