namespace Grimoire.Core.Lti;

/// <summary>The LTI 1.3 claim names and values Grimoire reads and checks (IMS LTI Core 1.3, NRPS 2.0).</summary>
public static class LtiClaims
{
    public const string Base = "https://purl.imsglobal.org/spec/lti/claim/";
    public const string MessageType = Base + "message_type";
    public const string Version = Base + "version";
    public const string DeploymentId = Base + "deployment_id";
    public const string TargetLinkUri = Base + "target_link_uri";
    public const string ResourceLink = Base + "resource_link";
    public const string Roles = Base + "roles";
    public const string Context = Base + "context";
    public const string NamesRoleService = "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice";

    public const string ResourceLinkRequest = "LtiResourceLinkRequest";
    public const string Version13 = "1.3.0";

    public const string RoleInstructor = "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor";
    public const string RoleTeachingAssistant = "http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant";
    public const string RoleLearner = "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner";
    public const string RoleInstitutionAdministrator = "http://purl.imsglobal.org/vocab/lis/v2/institution/person#Administrator";
    public const string RoleSystemAdministrator = "http://purl.imsglobal.org/vocab/lis/v2/system/person#Administrator";
    public const string ScopeMemberships = "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly";
}
