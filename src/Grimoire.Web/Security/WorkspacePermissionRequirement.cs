using Grimoire.Core.Access;
using Grimoire.Core.Workspaces;
using Microsoft.AspNetCore.Authorization;

namespace Grimoire.Web.Security;

/// <summary>At least <see cref="Minimum"/> on the workspace, decided by <see cref="WorkspaceAccess"/> alone (AC8.6).</summary>
public sealed record WorkspacePermissionRequirement(WorkspacePermission Minimum) : IAuthorizationRequirement;

internal sealed class WorkspacePermissionHandler(WorkspaceAccess workspaceAccess)
    : AuthorizationHandler<WorkspacePermissionRequirement, WorkspaceResource>
{
    protected override async Task HandleRequirementAsync(
        AuthorizationHandlerContext context, WorkspacePermissionRequirement requirement, WorkspaceResource resource)
    {
        if (context.User.GetUserId() is { } userId
            && await workspaceAccess.HasPermissionAsync(userId, resource.WorkspaceId, requirement.Minimum, CancellationToken.None))
        {
            context.Succeed(requirement);
        }
    }
}
