namespace Grimoire.Core.Lti;

/// <summary>What a validated LTI 1.3 resource-link launch says (X9).</summary>
public sealed record LtiLaunch(
    Guid PlatformId,
    string Issuer,
    string Subject,
    string DeploymentId,
    string? Email,
    string? Name,
    string? GivenName,
    string? ContextId,
    string? ContextLabel,
    string? ContextTitle,
    IReadOnlyList<string> Roles,
    string? MembershipsUrl);

/// <summary>Why a login initiation or launch was refused; the refusal page turns each into a sentence.</summary>
public enum LtiRefusal
{
    /// <summary>No registered platform has this issuer (and client id).</summary>
    UnknownPlatform,

    /// <summary>The login initiation's target is not this tool.</summary>
    BadTarget,

    /// <summary>The launch's state is unknown, already used or expired.</summary>
    UnknownState,

    /// <summary>The browser did not bring back the cookie set at login initiation.</summary>
    StateCookieMissing,

    MalformedToken,

    BadSignature,

    UnknownKey,

    KeySetUnavailable,

    WrongIssuer,

    WrongAudience,

    Expired,

    NonceMismatch,

    UnknownDeployment,

    WrongMessageType,

    WrongVersion,

    NoSubject,

    /// <summary>The launch carries no course context: Grimoire is launched from inside a course.</summary>
    NoContext,

    /// <summary>None of the launch's roles is Instructor, TeachingAssistant or Learner.</summary>
    NoCourseRole,

    /// <summary>A student or tutor launched from a course no instructor has opened Grimoire from yet.</summary>
    CourseNotSetUp,

    /// <summary>The account mapping refused (no or unverified e-mail, domain not allowed, bound elsewhere).</summary>
    AccountRefused,

    /// <summary>The platform answered the authorization request with an error.</summary>
    PlatformError,
}

/// <summary>A validated launch, or why it was refused.</summary>
public sealed record LtiLaunchValidation(LtiLaunch? Launch, LtiRefusal? Refusal)
{
    public static LtiLaunchValidation Refused(LtiRefusal refusal) => new(null, refusal);
}
