namespace Grimoire.Web.Security;

/// <summary>The resource a workspace policy is checked against.</summary>
public sealed record WorkspaceResource(Guid WorkspaceId);
