using Grimoire.Core.Access;
using Grimoire.Core.Courses;
using Microsoft.AspNetCore.Authorization;

namespace Grimoire.Web.Security;

/// <summary>At least <see cref="Minimum"/> in the course, from the person's enrollment. Site admins manage every course.</summary>
public sealed record CourseRoleRequirement(CourseRole Minimum) : IAuthorizationRequirement;

internal sealed class CourseRoleHandler(CourseAccess courseAccess) : AuthorizationHandler<CourseRoleRequirement, CourseResource>
{
    protected override async Task HandleRequirementAsync(
        AuthorizationHandlerContext context, CourseRoleRequirement requirement, CourseResource resource)
    {
        if (context.User.GetUserId() is not { } userId)
        {
            return;
        }

        if (context.User.IsSiteAdmin()
            || await courseAccess.HasRoleAsync(userId, resource.CourseId, requirement.Minimum, CancellationToken.None))
        {
            context.Succeed(requirement);
        }
    }
}
