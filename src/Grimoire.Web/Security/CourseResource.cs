namespace Grimoire.Web.Security;

/// <summary>The resource a course policy is checked against.</summary>
public sealed record CourseResource(Guid CourseId);
